package fr.parcelle.infrastructure.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** At most {@code reste} bytes of a stream: one part of a multipart upload read from the file. */
final class TronconBorne extends FilterInputStream {

  private long reste;

  TronconBorne(InputStream in, long longueur) {
    super(in);
    this.reste = longueur;
  }

  @Override
  public int read() throws IOException {
    if (reste <= 0) {
      return -1;
    }
    int b = super.read();
    if (b >= 0) {
      reste--;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (reste <= 0) {
      return -1;
    }
    int n = super.read(b, off, (int) Math.min(len, reste));
    if (n > 0) {
      reste -= n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = super.skip(Math.min(n, reste));
    reste -= s;
    return s;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(super.available(), reste);
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
