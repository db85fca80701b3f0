package fr.parcelle.domain.model.dossier;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kinds of dossier a commune receives. {@link #nature()} is the two-letter prefix of the legal
 * number (A423-1 to A423-3): a PCMI is numbered in the PC series, CUa and CUb in the CU series.
 */
public enum TypeDossier {
  CUa("CU", "Certificat d'urbanisme d'information"),
  CUb("CU", "Certificat d'urbanisme opérationnel"),
  DP("DP", "Déclaration préalable"),
  PCMI("PC", "Permis de construire une maison individuelle"),
  PC("PC", "Permis de construire"),
  PA("PA", "Permis d'aménager"),
  PD("PD", "Permis de démolir");

  private final String nature;
  private final String libelle;

  TypeDossier(String nature, String libelle) {
    this.nature = nature;
    this.libelle = libelle;
  }

  public String nature() {
    return nature;
  }

  public String libelle() {
    return libelle;
  }

  /** The kind whose API code is exactly {@code code} (case-sensitive: "CUa", not "CUA"). */
  public static Optional<TypeDossier> depuisCode(String code) {
    return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
  }
}
