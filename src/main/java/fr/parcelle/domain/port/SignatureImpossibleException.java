package fr.parcelle.domain.port;

/** The document could not be signed; the message says why, in French, for the signer. */
public class SignatureImpossibleException extends RuntimeException {

  public SignatureImpossibleException(String message) {
    super(message);
  }

  public SignatureImpossibleException(String message, Throwable cause) {
    super(message, cause);
  }
}
