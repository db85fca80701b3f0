package fr.parcelle.application;

/** The operation contradicts the dossier's current state (for example, depositing it twice). */
public class OperationImpossibleException extends RuntimeException {

  public OperationImpossibleException(String message) {
    super(message);
  }
}
