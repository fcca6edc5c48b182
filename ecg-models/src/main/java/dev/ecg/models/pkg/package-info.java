/**
 * Model packages: {@link dev.ecg.models.pkg.ModelManifest} ({@code ecg-model.json}, schema
 * version 1) and {@link dev.ecg.models.pkg.ModelPackage} (atomic writing, SHA-256 verification,
 * zip extraction safe against zip slip, symbolic links and zip bombs). See
 * {@code docs/model-package.md}.
 */
package dev.ecg.models.pkg;
