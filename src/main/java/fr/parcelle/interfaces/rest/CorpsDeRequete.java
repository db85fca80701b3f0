package fr.parcelle.interfaces.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The body of an upload as the resource reads it: a failure to read it is the sender's connection
 * breaking (a closed tab, a lost network, a proxy giving up), not a fault of the platform. It comes
 * out as an {@link EnvoiInterrompu}, answered 400 and logged as one line, where it used to be an
 * "incident" with its stack trace, twice (once by the API, once by the container failing to send
 * that answer to nobody). Nothing else changes: the reception still gives up its temporary file,
 * and a grouped upload still joins the files received whole before the break.
 */
final class CorpsDeRequete extends FilterInputStream {

  /** The sender's connection broke while the body was being read. */
  static final class EnvoiInterrompu extends IOException {
    EnvoiInterrompu(IOException cause) {
      super("connexion coupée pendant l'envoi (" + cause.getClass().getSimpleName() + ")", cause);
    }
  }

  private CorpsDeRequete(InputStream corps) {
    super(corps);
  }

  static InputStream de(InputStream corps) {
    return new CorpsDeRequete(corps);
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw interrompu(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw interrompu(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException e) {
      throw interrompu(e);
    }
  }

  /** A thread interrupted on the server is not the sender's doing: that one stays as it is. */
  private static IOException interrompu(IOException e) {
    return e instanceof InterruptedIOException || e instanceof EnvoiInterrompu
        ? e
        : new EnvoiInterrompu(e);
  }
}
