package dev.ecg.core.labels;

import java.util.Optional;

/**
 * One row of PTB-XL's {@code scp_statements.csv}: an SCP-ECG statement code and how PTB-XL
 * groups it (Wagner et al., Scientific Data 7:154, 2020).
 *
 * @param code the SCP code, such as {@code NORM}, {@code IMI} or {@code AFIB}
 * @param description the short description
 * @param diagnostic whether the statement is diagnostic ({@code diagnostic} column is 1)
 * @param form whether it is a form statement
 * @param rhythm whether it is a rhythm statement
 * @param diagnosticClass the diagnostic superclass, empty for non-diagnostic statements
 * @param diagnosticSubclass the diagnostic subclass (such as {@code IMI}, {@code _AVB}), empty for
 *     non-diagnostic statements
 * @param category the "Statement Category" column, empty if absent
 */
public record ScpStatement(
    String code,
    String description,
    boolean diagnostic,
    boolean form,
    boolean rhythm,
    Optional<PtbxlSuperclass> diagnosticClass,
    Optional<String> diagnosticSubclass,
    Optional<String> category) {

  /**
   * @param code the SCP code
   * @param description the short description
   * @param diagnostic whether the statement is diagnostic
   * @param form whether it is a form statement
   * @param rhythm whether it is a rhythm statement
   * @param diagnosticClass the diagnostic superclass, or empty
   * @param diagnosticSubclass the diagnostic subclass, or empty
   * @param category the statement category, or empty
   * @throws NullPointerException if any component is null
   */
  public ScpStatement {
    java.util.Objects.requireNonNull(code, "code");
    java.util.Objects.requireNonNull(description, "description");
    java.util.Objects.requireNonNull(diagnosticClass, "diagnosticClass");
    java.util.Objects.requireNonNull(diagnosticSubclass, "diagnosticSubclass");
    java.util.Objects.requireNonNull(category, "category");
  }
}
