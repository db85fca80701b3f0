package fr.parcelle.application;

/** What an applicant gives to open a draft. Validated by {@link DossierService}, not trusted. */
public record NouveauDossier(
    String type, String communeInsee, String demandeurNom, String descriptionProjet) {}
