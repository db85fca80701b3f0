package fr.parcelle.domain.model.dossier;

/** The legally meaningful steps of a dossier's life, in the words of its timeline. */
public enum TypeEvenement {
  DEPOT("Dépôt du dossier", "R423-1"),
  AVIS_DE_DEPOT("Publication de l'avis de dépôt", "R423-6"),
  TRANSMISSION_PREFET("Transmission au préfet", "R423-7"),
  DOSSIER_COMPLET("Dossier complet", "R423-19"),
  DOSSIER_REPUTE_COMPLET("Dossier réputé complet", "R423-22"),
  DEMANDE_PIECES("Demande de pièces complémentaires", "R423-38"),
  PIECES_RECUES("Pièces complémentaires reçues", "R423-39"),
  MAJORATION("Majoration du délai d'instruction", "R423-42"),
  CONSULTATION("Consultation d'un service", "R423-50"),
  AVIS("Avis d'un service consulté", "R423-50"),
  AVIS_TACITE("Avis réputé favorable", "R423-59"),
  PROPOSITION("Proposition de décision", "R423-1"),
  RENVOI("Projet d'arrêté renvoyé au service instructeur", "R423-1"),
  DECISION("Décision signée", "R424-1"),
  NOTIFICATION("Décision notifiée au demandeur", "R424-10"),
  TRANSMISSION_CONTROLE_LEGALITE("Décision transmise au préfet (contrôle de légalité)", "L424-7"),
  DECISION_TACITE("Décision tacite", "R424-1"),
  REJET_TACITE("Rejet tacite faute de pièces", "R423-39"),
  CERTIFICAT_TACITE_DEMANDE("Certificat de décision tacite à délivrer", "R424-13"),
  OUVERTURE_CHANTIER("Déclaration d'ouverture de chantier reçue", "R424-16"),
  ACHEVEMENT_TRAVAUX("Déclaration d'achèvement et de conformité des travaux reçue", "R462-1");

  private final String libelle;
  private final String article;

  TypeEvenement(String libelle, String article) {
    this.libelle = libelle;
    this.article = article;
  }

  public String libelle() {
    return libelle;
  }

  public String article() {
    return article;
  }
}
