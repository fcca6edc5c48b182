package dev.ecg.examples;

/** Placeholder entry point, replaced below. */
public final class EcgCli {
  private EcgCli() {}

  public static void main(String[] args) {
    System.out.println("ecg");
  }
}
