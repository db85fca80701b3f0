package fr.parcelle.domain.model.piece;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Fingerprints of stored bytes: SHA-256 (our storage key) and SHA-512 (what PLAT'AU exchanges).
 * Hex, lower case.
 */
@Embeddable
public class Empreinte {

  @Column(name = "sha256", nullable = false, length = 64)
  private String sha256;

  @Column(name = "sha512", nullable = false, length = 128)
  private String sha512;

  protected Empreinte() {
    // JPA
  }

  public Empreinte(String sha256, String sha512) {
    if (sha256 == null
        || !sha256.matches("[0-9a-f]{64}")
        || sha512 == null
        || !sha512.matches("[0-9a-f]{128}")) {
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
