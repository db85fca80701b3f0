package fr.parcelle.application;

/** The caller's function does not allow this operation. */
public class AccesRefuseException extends RuntimeException {

  public AccesRefuseException(String message) {
    super(message);
  }
}
