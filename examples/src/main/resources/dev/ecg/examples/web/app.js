'use strict';
// The ECG viewer: draws the strip on ECG paper with beat labels, episode bands, the
// explanation of a clicked beat, and the heart-rate and quality panels. No library, no CDN.
const COLOURS = { N: '#2e7d32', S: '#1565c0', V: '#c62828', F: '#6a1b9a', Q: '#616161' };
let data = null;
let explanation = null;
const $ = (id) => document.getElementById(id);

function status(text, error) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
}

async function show(response) {
  const json = await response.json();
  if (!response.ok) {
    status(json.error || ('error ' + response.status), true);
    return;
  }
  data = json;
  explanation = null;
  const counts = {};
  for (const b of data.beats) counts[b[1]] = (counts[b[1]] || 0) + 1;
  $('record-name').textContent = data.record + ' (' + data.model + ')';
  $('beat-count').textContent = String(data.beats.length);
  $('label-counts').textContent = Object.keys(counts).sort()
    .map((k) => k + ' ' + counts[k]).join(', ');
  $('duration').textContent = data.seconds.toFixed(1) + ' s at ' + data.fs + ' Hz';
  $('download-json').href = '/api/download?format=json&id=' + data.id;
  $('download-csv').href = '/api/download?format=csv&id=' + data.id;
  $('summary').hidden = false;
  const span = Number($('span').value);
  $('position').max = String(Math.max(0, data.seconds - span));
  $('position').value = '0';
  status(data.beats.length + ' beats labelled, ' + data.episodes.length + ' rhythm episode(s)'
    + (data.warnings.length ? '; ' + data.warnings.join('; ') : ''));
  document.body.dataset.ready = 'true';
  draw();
}

$('upload').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const files = $('files').files;
  if (!files.length) { status('choose the recording\'s files first', true); return; }
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  status('analysing ' + files.length + ' file(s)...');
  document.body.dataset.ready = 'false';
  const fs = $('fs').value ? '?fs=' + encodeURIComponent($('fs').value) : '';
  await show(await fetch('/api/analyze' + fs, { method: 'POST', body: form }));
});

$('load-sample').addEventListener('click', async () => {
  status('generating the sample...');
  document.body.dataset.ready = 'false';
  await show(await fetch('/api/sample?name=' + $('sample').value));
});

for (const id of ['position', 'span']) $(id).addEventListener('input', draw);
$('prev').addEventListener('click', () => move(-1));
$('next').addEventListener('click', () => move(1));
function move(dir) {
  const span = Number($('span').value);
  const p = Math.min(Number($('position').max), Math.max(0,
    Number($('position').value) + dir * span * 0.9));
  $('position').value = String(p);
  draw();
}

$('strip').addEventListener('click', async (ev) => {
  if (!data) return;
  const c = $('strip');
  const rect = c.getBoundingClientRect();
  const x = (ev.clientX - rect.left) * c.width / rect.width;
  const t = view().from + x / c.width * view().span;
  let best = null;
  for (const b of data.beats) {
    if (best === null || Math.abs(b[0] / data.fs - t) < Math.abs(best[0] / data.fs - t)) best = b;
  }
  if (!best) return;
  $('explain-info').textContent = 'explaining the beat at ' + (best[0] / data.fs).toFixed(2)
    + ' s...';
  const r = await fetch('/api/explain?id=' + data.id + '&sample=' + best[0] + '&method='
    + $('method').value);
  const json = await r.json();
  if (!r.ok) { $('explain-info').textContent = json.error; return; }
  explanation = json;
  $('explain-info').textContent = json.label + ' beat at ' + (json.sample / data.fs).toFixed(2)
    + ' s, ' + json.method + ': red supports the label, blue speaks against it';
  draw();
});

function view() {
  const span = Number($('span').value);
  return { from: Number($('position').value), span: span };
}

function draw() {
  if (!data) return;
  drawStrip();
  drawHr();
  drawQuality();
}

function drawStrip() {
  const c = $('strip');
  const g = c.getContext('2d');
  const w = c.width;
  const h = c.height;
  const v = view();
  const pxPerS = w / v.span;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, w, h);
  // episodes as bands
  for (const e of data.episodes) {
    const x0 = (e.onset - v.from) * pxPerS;
    const x1 = (e.offset - v.from) * pxPerS;
    if (x1 < 0 || x0 > w) continue;
    g.fillStyle = e.label.startsWith('A') ? 'rgba(255,160,0,0.18)' : 'rgba(120,120,120,0.18)';
    g.fillRect(x0, 0, x1 - x0, h);
    g.fillStyle = '#a65f00';
    g.fillText(e.label + ' episode', Math.max(2, x0 + 2), h - 4);
  }
  // ECG paper: 0.04 s / 0.1 mV small squares, 0.2 s / 0.5 mV large ones
  const yScale = 60; // px per mV
  for (let t = Math.ceil(v.from / 0.04) * 0.04; t <= v.from + v.span; t += 0.04) {
    const big = Math.abs(t / 0.2 - Math.round(t / 0.2)) < 1e-6;
    if (v.span > 12 && !big) continue;
    g.strokeStyle = big ? '#f3b3b3' : '#fbe3e3';
    g.beginPath(); g.moveTo((t - v.from) * pxPerS, 0); g.lineTo((t - v.from) * pxPerS, h);
    g.stroke();
  }
  for (let mv = -3; mv <= 3; mv += 0.1) {
    const big = Math.abs(mv * 2 - Math.round(mv * 2)) < 1e-6;
    g.strokeStyle = big ? '#f3b3b3' : '#fbe3e3';
    const y = h / 2 - mv * yScale;
    g.beginPath(); g.moveTo(0, y); g.lineTo(w, y); g.stroke();
  }
  const i0 = Math.max(0, Math.floor(v.from * data.fs));
  const i1 = Math.min(data.signal.length - 1, Math.ceil((v.from + v.span) * data.fs));
  let sum = 0; let n = 0;
  for (let i = i0; i <= i1; i++) if (data.signal[i] !== null) { sum += data.signal[i]; n++; }
  const mid = n ? sum / n : 0;
  // the explanation of the clicked beat, behind the trace
  if (explanation) {
    const step = Math.max(2, pxPerS / 125 * 1.2);
    for (const [s, r] of explanation.relevance) {
      const x = (s / data.fs - v.from) * pxPerS;
      if (x < -step || x > w) continue;
      g.fillStyle = r >= 0 ? 'rgba(220,30,30,' + (0.75 * r) + ')'
        : 'rgba(30,80,220,' + (-0.75 * r) + ')';
      g.fillRect(x - step / 2, 0, step, h - 14);
    }
  }
  g.strokeStyle = '#111';
  g.lineWidth = 1.2;
  g.beginPath();
  let pen = false;
  for (let i = i0; i <= i1; i++) {
    const y0 = data.signal[i];
    if (y0 === null) { pen = false; continue; }
    const x = (i / data.fs - v.from) * pxPerS;
    const y = h / 2 - (y0 - mid) * yScale;
    if (pen) g.lineTo(x, y); else g.moveTo(x, y);
    pen = true;
  }
  g.stroke();
  g.lineWidth = 1;
  g.font = 'bold 12px sans-serif';
  for (const b of data.beats) {
    const t = b[0] / data.fs;
    if (t < v.from || t > v.from + v.span) continue;
    const x = (t - v.from) * pxPerS;
    g.fillStyle = COLOURS[b[1]] || '#000';
    g.fillText(b[1], x - 4, 14);
    if (v.span <= 12) {
      g.font = '10px sans-serif';
      g.fillText(b[2].toFixed(2), x - 10, 26);
      g.font = 'bold 12px sans-serif';
    }
  }
  g.fillStyle = '#333';
  g.font = '11px sans-serif';
  g.fillText(v.from.toFixed(1) + ' s', 2, h - 18);
  g.fillText((v.from + v.span).toFixed(1) + ' s', w - 40, h - 18);
}

function drawHr() {
  const c = $('hr');
  const g = c.getContext('2d');
  const w = c.width; const h = c.height;
  g.fillStyle = '#fff'; g.fillRect(0, 0, w, h);
  const v = view();
  g.fillStyle = 'rgba(21,101,192,0.12)';
  g.fillRect(v.from / data.seconds * w, 0, v.span / data.seconds * w, h);
  g.strokeStyle = '#ccc';
  g.fillStyle = '#555';
  g.font = '10px sans-serif';
  for (const bpm of [40, 80, 120, 160]) {
    const y = h - (bpm - 30) / 150 * h;
    g.beginPath(); g.moveTo(0, y); g.lineTo(w, y); g.stroke();
    g.fillText(bpm + ' bpm', 2, y - 2);
  }
  g.strokeStyle = '#c62828';
  g.beginPath();
  data.hr.forEach(([t, bpm], k) => {
    const x = t / data.seconds * w;
    const y = h - (Math.min(180, Math.max(30, bpm)) - 30) / 150 * h;
    if (k) g.lineTo(x, y); else g.moveTo(x, y);
  });
  g.stroke();
}

function drawQuality() {
  const c = $('quality');
  const g = c.getContext('2d');
  g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
  for (const q of data.quality) {
    g.fillStyle = q.usable ? '#66bb6a' : '#e53935';
    g.fillRect(q.from / data.seconds * c.width, 2, (q.to - q.from) / data.seconds * c.width - 1,
      c.height - 4);
  }
}
