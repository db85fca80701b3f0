package fr.parcelle.domain.model.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Legal number of a dossier (A423-1 to A423-3): nature (2 letters), INSEE département on 3
 * characters, INSEE commune on 3 characters, last two digits of the year of deposit, and a
 * 5-character sequence per nature, commune and year, whose first character may be reserved to the
 * service instructeur. Stored and used as the process business key in compact form ({@code
 * PC0353522600001}); shown with spaces ({@code PC 035 352 26 00001}).
 */
@Embeddable
public class NumeroDossier {

  private static final Pattern FORME_COMPACTE =
      Pattern.compile(
          "(CU|DP|PC|PA|PD)0(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B)[0-9]{3}[0-9]{2}[0-9A-Z][0-9]{4}([MT][0-9]{2})?");

  @Column(name = "numero", length = 32)
  private String valeur;

  protected NumeroDossier() {
    // JPA
  }

  private NumeroDossier(String valeur) {
    this.valeur = valeur;
  }

  /**
   * The number of the {@code rang}-th dossier of {@code nature} filed in {@code communeInsee} in
   * {@code annee}.
   *
   * @param prefixeService the character the service instructeur reserves as first of the sequence,
   *     or null
   */
  public static NumeroDossier attribuer(
      String nature, String communeInsee, int annee, int rang, Character prefixeService) {
    Objects.requireNonNull(nature, "nature");
    if (communeInsee == null || !communeInsee.matches("(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B)[0-9]{3}")) {
      throw new IllegalArgumentException(
          "Code INSEE de commune non pris en charge : " + communeInsee);
    }
    if (rang < 1) {
      throw new IllegalArgumentException("Le rang commence à 1 : " + rang);
    }
    String sequence;
    if (prefixeService == null) {
      if (rang > 99_999) {
        throw new IllegalStateException(
            "Séquence épuisée pour " + nature + " " + communeInsee + " " + annee);
      }
      sequence = String.format("%05d", rang);
    } else {
      if (rang > 9_999) {
        throw new IllegalStateException(
            "Séquence épuisée pour " + nature + " " + communeInsee + " " + annee);
      }
      if (!Character.isLetterOrDigit(prefixeService) || Character.isLowerCase(prefixeService)) {
        throw new IllegalArgumentException("Préfixe de service invalide : " + prefixeService);
      }
      sequence = prefixeService + String.format("%04d", rang);
    }
    return new NumeroDossier(
        nature
            + departement(communeInsee)
            + communeInsee.substring(2)
            + String.format("%02d", annee % 100)
            + sequence);
  }

  /**
   * The number of a modificatif or transfert of this authorisation (A423-4): the same number
   * followed by M01, M02… or T01, T02…
   */
  public NumeroDossier derive(NatureDemande nature, int rang) {
    if (nature == NatureDemande.INITIALE || valeur.length() != 15) {
      throw new IllegalArgumentException(
          "Seule une autorisation initiale a des demandes dérivées.");
    }
    if (rang < 1 || rang > 99) {
      throw new IllegalStateException("Rang de demande dérivée impossible : " + rang);
    }
    return new NumeroDossier(valeur + nature.suffixe() + String.format("%02d", rang));
  }

  /** The number of the authorisation this request is about (itself for an initial request). */
  public NumeroDossier autorisation() {
    return valeur.length() == 15 ? this : new NumeroDossier(valeur.substring(0, 15));
  }

  /** Parses a number given in compact or spaced form; rejects anything else. */
  public static NumeroDossier depuis(String texte) {
    String compact = texte == null ? "" : texte.replace(" ", "");
    if (!FORME_COMPACTE.matcher(compact).matches()) {
      throw new IllegalArgumentException("Numéro de dossier invalide : " + texte);
    }
    return new NumeroDossier(compact);
  }

  /**
   * INSEE département on three characters: {@code 035} for Ille-et-Vilaine, {@code 02A} for
   * Corse-du-Sud. The overseas départements (97x, whose INSEE codes split 3 + 2) are not served yet
   * and are refused above.
   */
  private static String departement(String communeInsee) {
    return "0" + communeInsee.substring(0, 2);
  }

  /** The INSEE code of the commune where the dossier was filed ({@code 35352}, {@code 2A004}). */
  public String communeInsee() {
    return valeur.substring(3, 8);
  }

  /** Compact form, used as the business key of the instruction process. */
  public String valeur() {
    return valeur;
  }

  /** Spaced form, as printed on receipts and decisions: {@code PC 035 352 26 00001}. */
  public String affichage() {
    return valeur.substring(0, 2)
        + " "
        + valeur.substring(2, 5)
        + " "
        + valeur.substring(5, 8)
        + " "
        + valeur.substring(8, 10)
        + " "
        + valeur.substring(10, 15)
        + (valeur.length() > 15 ? " " + valeur.substring(15) : "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumeroDossier autre && valeur.equals(autre.valeur);
  }

  @Override
  public int hashCode() {
    return valeur.hashCode();
  }

  @Override
  public String toString() {
    return affichage();
  }
}
