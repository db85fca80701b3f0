package fr.parcelle.domain.port;

/**
 * Signs a PDF in the name of a person, so that any PDF reader shows who signed, when, and that not
 * one byte changed since. Who may sign is the application's decision, taken before this call.
 */
public interface SignatureElectronique {

  /**
   * The same document with the signer's electronic signature added (an incremental update: the
   * original bytes stay in front, unchanged).
   *
   * @throws SignatureImpossibleException when the signer has no usable key or certificate, or the
   *     timestamp authority cannot be reached
   */
  byte[] signer(byte[] pdf, Signataire signataire);
}
