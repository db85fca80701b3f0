package fr.parcelle.domain.model.dossier;

/** The natures of a consulted service's avis, as PLAT'AU carries them. */
public enum NatureAvis {
  FAVORABLE("favorable"),
  FAVORABLE_AVEC_PRESCRIPTIONS("favorable avec prescriptions"),
  DEFAVORABLE("défavorable");

  private final String libelle;

  NatureAvis(String libelle) {
    this.libelle = libelle;
  }

  public String libelle() {
    return libelle;
  }
}
