package fr.parcelle.domain.model.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * One link of the journal: a legal event of a dossier (its {@code type} is the timeline's) or an
 * agent's access ({@link #ACCES}), chained to the previous link by {@link #hashPrecedent}.
 *
 * <p>The canonical form is the one the database computes when it appends (migration V10): for each
 * field, in order, its length in UTF-8 octets, ':', the value, '\n'; an absent value is empty.
 */
public record EntreeJournal(
    long sequence,
    Instant instant,
    String type,
    UUID dossierId,
    String dossierNumero,
    String acteur,
    String charge,
    String hashPrecedent,
    String hash) {

  /** Kind of the entries that record an agent's access to a dossier. */
  public static final String ACCES = "ACCES";

  /** The previous hash of the first entry. */
  public static final String GENESE = "0".repeat(64);

  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  public EntreeJournal {
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(acteur, "acteur");
    Objects.requireNonNull(charge, "charge");
    Objects.requireNonNull(hashPrecedent, "hashPrecedent");
    Objects.requireNonNull(hash, "hash");
  }

  /** The instant as hashed: UTC, microseconds (PostgreSQL's precision). */
  public String instantCanonique() {
    return INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
  }

  /** The exact text whose SHA-256 is {@link #hash}, for a third party to recompute. */
  public String formeCanonique() {
    StringBuilder s = new StringBuilder(256 + charge.length());
    champ(s, Long.toString(sequence));
    champ(s, instantCanonique());
    champ(s, type);
    champ(s, dossierId == null ? null : dossierId.toString());
    champ(s, dossierNumero);
    champ(s, acteur);
    champ(s, charge);
    champ(s, hashPrecedent);
    return s.toString();
  }

  /** SHA-256 of the canonical form, in lowercase hexadecimal. */
  public String hashCalcule() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(formeCanonique().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 est requis par toute JVM", e);
    }
  }

  /** Whether the stored hash is that of the stored fields. */
  public boolean intacte() {
    return hashCalcule().equals(hash);
  }

  private static void champ(StringBuilder s, String valeur) {
    String v = valeur == null ? "" : valeur;
    s.append(v.getBytes(StandardCharsets.UTF_8).length).append(':').append(v).append('\n');
  }
}
