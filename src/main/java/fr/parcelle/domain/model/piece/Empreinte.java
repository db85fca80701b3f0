package fr.parcelle.domain.model.piece;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.regex.Pattern;

/**
 * Fingerprints of stored bytes: SHA-256 (our storage key) and SHA-512 (what PLAT'AU exchanges).
 * Hex, lower case.
 */
@Embeddable
public class Empreinte {

  // Compiled once: String.matches compiled both at each of the ten pièces of every deposit (0.5 %
  // of the server's CPU in a profile of the deposits, issue 8).
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");

  @Column(name = "sha256", nullable = false, length = 64)
  private String sha256;

  @Column(name = "sha512", nullable = false, length = 128)
  private String sha512;

  protected Empreinte() {
    // JPA
  }

  public Empreinte(String sha256, String sha512) {
    if (sha256 == null
        || !SHA256.matcher(sha256).matches()
        || sha512 == null
        || !SHA512.matcher(sha512).matches()) {
      throw new IllegalArgumentException("Empreinte invalide");
    }
    this.sha256 = sha256;
    this.sha512 = sha512;
  }

  public String sha256() {
    return sha256;
  }

  public String sha512() {
    return sha512;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Empreinte e && e.sha256.equals(sha256) && e.sha512.equals(sha512);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }
}
