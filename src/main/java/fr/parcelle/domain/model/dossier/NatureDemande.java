package fr.parcelle.domain.model.dossier;

/**
 * What is asked on an authorisation (DA): the initial request, or a later one instructed on it
 * (DI). Modificatif and transfert keep the authorisation's number with a suffix (A423-4): {@code
 * M01}, {@code T01}…
 */
public enum NatureDemande {
  INITIALE(""),
  MODIFICATIF("M"),
  TRANSFERT("T");

  private final String suffixe;

  NatureDemande(String suffixe) {
    this.suffixe = suffixe;
  }

  public String suffixe() {
    return suffixe;
  }
}
