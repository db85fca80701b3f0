package fr.parcelle.support;

import fr.parcelle.application.DemandeDossier;
import fr.parcelle.application.DemandeDossier.AdresseSaisie;
import fr.parcelle.application.DemandeDossier.ArchitecteSaisi;
import fr.parcelle.application.DemandeDossier.DemandeurSaisi;
import fr.parcelle.application.DemandeDossier.ParcelleSaisie;
import fr.parcelle.application.DemandeDossier.ProjetSaisi;
import fr.parcelle.application.DemandeDossier.TerrainSaisi;
import java.math.BigDecimal;
import java.util.List;

/** Realistic requests, as an architect files them. */
public final class Demandes {

  private Demandes() {}

  public static DemandeDossier pcmi(String insee) {
    return new DemandeDossier(
        "PCMI",
        null,
        null,
        insee,
        List.of(
            new DemandeurSaisi(
                "PARTICULIER",
                "Martin",
                "Claire",
                null,
                null,
                null,
                "claire.martin@example.org",
                null)),
        new TerrainSaisi(
            new AdresseSaisie("12", "rue de la Seiche", null, "35770", "Vern-sur-Seiche"),
            List.of(new ParcelleSaisie("000", "AB", "0123", new BigDecimal("540")))),
        new ProjetSaisi(
            "Maison individuelle de plain-pied",
            "Construction neuve",
            null,
            new BigDecimal("120"),
            null,
            1,
            List.of()),
        null);
  }

  public static DemandeDossier dp(String insee, List<String> contraintes) {
    return new DemandeDossier(
        "DP",
        null,
        null,
        insee,
        List.of(new DemandeurSaisi("PARTICULIER", "Le Goff", "Yves", null, null, null, null, null)),
        new TerrainSaisi(
            new AdresseSaisie("3", "allée des Tilleuls", null, "35770", "Vern-sur-Seiche"),
            List.of(new ParcelleSaisie("000", "AC", "0042", new BigDecimal("610")))),
        new ProjetSaisi(
            "Abri de jardin de 12 m²", null, null, new BigDecimal("12"), null, 0, contraintes),
        null);
  }

  public static DemandeDossier pcSociete(String insee, ArchitecteSaisi architecte) {
    return new DemandeDossier(
        "PC",
        null,
        null,
        insee,
        List.of(
            new DemandeurSaisi(
                "PERSONNE_MORALE",
                null,
                null,
                "SCI Les Tilleuls",
                "73282932000074",
                "Jeanne Durand",
                null,
                null)),
        new TerrainSaisi(
            new AdresseSaisie("8", "rue de Châteaugiron", null, "35770", "Vern-sur-Seiche"),
            List.of(new ParcelleSaisie("000", "ZD", "0311", new BigDecimal("2100")))),
        new ProjetSaisi(
            "Immeuble de 12 logements",
            null,
            null,
            new BigDecimal("980"),
            null,
            12,
            List.of("ERP")),
        architecte);
  }
}
