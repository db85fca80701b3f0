package fr.parcelle.infrastructure.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The object's bytes as they stream, hashed on the way: at the end, a SHA-256 other than the
 * address (an object altered or replaced in the bucket) ends the read with an {@link IOException}
 * instead of a clean end of stream, so a damaged original is never served as if whole.
 */
final class LectureVerifiee extends FilterInputStream {

  private final MessageDigest sha256;
  private final String attendu;
  private final String cle;
  private boolean verifiee;
  private boolean alteree;

  LectureVerifiee(InputStream in, String attendu, String cle) {
    super(in);
    this.sha256 = fr.parcelle.infrastructure.storage.ReceptionTemporaire.digest("SHA-256");
    this.attendu = attendu;
    this.cle = cle;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      sha256.update((byte) b);
    } else {
      verifier();
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      sha256.update(b, off, n);
    } else if (n < 0) {
      verifier();
    }
    return n;
  }

  /** Skipped bytes must be hashed too: read them. */
  @Override
  public long skip(long n) throws IOException {
    byte[] tampon = new byte[(int) Math.min(n, 8192)];
    long sautes = 0;
    while (sautes < n) {
      int lus = read(tampon, 0, (int) Math.min(tampon.length, n - sautes));
      if (lus < 0) {
        break;
      }
      sautes += lus;
    }
    return sautes;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void verifier() throws IOException {
    if (!verifiee) {
      verifiee = true;
      alteree = !HexFormat.of().formatHex(sha256.digest()).equals(attendu);
    }
    if (alteree) { // every later read fails too: the end of a damaged object is never clean
      throw new IOException(
          "Objet S3 "
              + cle
              + " altéré : son contenu ne correspond plus à son empreinte "
              + attendu);
    }
  }
}
