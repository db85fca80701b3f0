package fr.parcelle.domain.model.dossier;

/**
 * A step of the instruction the law does not allow now (a second request for pièces, a majoration
 * after the first month, an accord against the ABF's binding refusal…). Its message is French, for
 * the person who asked.
 */
public class DemandeRefuseeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DemandeRefuseeException(String message) {
    super(message);
  }
}
