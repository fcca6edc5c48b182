package dev.ecg.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.DataDir;
import dev.ecg.io.Records;
import dev.ecg.models.EcgClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web viewer in a real browser: headless Chromium uploads MIT-BIH record 100 (header,
 * signal and annotation files) as a person would, waits for the strip, and finds as many
 * labelled beats on the page as {@code classify} gives; a click on the strip draws a beat's
 * explanation. Saves a screenshot to {@code target/viewer-record-100.png}. Skips with a message
 * without Chromium and ChromeDriver (Debian {@code chromium}, {@code chromium-driver}) or without
 * the MIT-BIH data.
 */
class ViewerBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @Test
  void record100UploadedInChromiumShowsClassifysBeats() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "Chromium and ChromeDriver not installed (apt-get install chromium chromium-driver); "
            + "browser test skipped");
    Optional<Path> mit = DataDir.find("mitdb");
    Assumptions.assumeTrue(mit.isPresent(), DataDir.missingMessage("mitdb"));
    Path base = mit.get().resolve("100");
    try (EcgClassifier beats = EcgClassifier.load("mitbih-aami5");
        EcgClassifier rhythm = EcgClassifier.load("af-detect");
        ViewerServer server = ViewerServer.start("127.0.0.1", 0, beats, rhythm, 50L << 20)) {
      int expected = beats.classify(Records.read(base.resolveSibling("100.hea"))).size();
      ChromeOptions o = new ChromeOptions();
      o.setBinary(CHROMIUM.toFile());
      o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
          "--disable-dev-shm-usage", "--window-size=1300,1000");
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
      WebDriver driver = new ChromeDriver(service, o);
      try {
        driver.get("http://127.0.0.1:" + server.port() + "/");
        String files = String.join("\n", base.resolveSibling("100.hea").toString(),
            base.resolveSibling("100.dat").toString(), base.resolveSibling("100.atr")
                .toString());
        driver.findElement(By.id("files")).sendKeys(files);
        driver.findElement(By.id("analyze")).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body"))
            .getAttribute("data-ready")));
        assertEquals(String.valueOf(expected), driver.findElement(By.id("beat-count"))
            .getText());
        assertTrue(driver.findElement(By.id("record-name")).getText().startsWith("100"));
        // click the strip: the nearest beat's explanation is drawn and described
        driver.findElement(By.id("strip")).click();
        wait.until(d -> d.findElement(By.id("explain-info")).getText().contains(
            "red supports the label"));
        Path shot = Path.of("target/viewer-record-100.png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
            StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(shot) > 10_000);
      } finally {
        driver.quit();
      }
    }
  }
}
