package fr.parcelle.domain.model.piece;

/**
 * Why a file is refused as a pièce, with a stable type (clients switch on it) and what to do, in
 * French.
 */
public enum RaisonRefus {
  FICHIER_VIDE(
      "fichier-vide", "Fichier vide", "Le fichier reçu est vide. Joignez le document lui-même."),
  FICHIER_TROP_VOLUMINEUX(
      "fichier-trop-volumineux",
      "Fichier trop volumineux",
      "Réduisez la taille du fichier (résolution des images, compression du PDF) ou scindez le document."),
  FORMAT_NON_ACCEPTE(
      "format-non-accepte",
      "Format non accepté",
      "Seuls les fichiers PDF, JPEG et PNG sont acceptés. Exportez ou imprimez le document en PDF."),
  FICHIER_CORROMPU(
      "fichier-corrompu",
      "Fichier illisible ou incomplet",
      "Le fichier est tronqué ou endommagé. Enregistrez-le à nouveau puis renvoyez-le."),
  PDF_CHIFFRE(
      "pdf-chiffre",
      "PDF protégé",
      "Le PDF est chiffré ou protégé par un mot de passe ou des restrictions. Enregistrez-le sans protection."),
  PDF_CONTENU_ACTIF(
      "pdf-contenu-actif",
      "PDF avec contenu actif",
      "Le PDF contient du JavaScript, des actions, des fichiers joints ou un formulaire XFA. Imprimez-le en PDF"
          + " pour n'en garder que le contenu visible."),
  PDF_DONNEES_CACHEES(
      "pdf-donnees-cachees",
      "Données après la fin du PDF",
      "Des données inconnues suivent la fin du PDF. Enregistrez à nouveau le document depuis son logiciel."),
  PDF_TROP_DE_PAGES(
      "pdf-trop-de-pages",
      "Trop de pages",
      "Le PDF dépasse le nombre de pages accepté pour une pièce. Scindez-le ou retirez les pages inutiles."),
  IMAGE_TROP_GRANDE(
      "image-trop-grande",
      "Image trop grande",
      "Les dimensions de l'image dépassent la limite. Réduisez sa définition."),
  ANALYSE_IMPOSSIBLE(
      "analyse-impossible",
      "Analyse impossible",
      "Le fichier n'a pas pu être analysé dans le temps imparti. Simplifiez-le ou enregistrez-le à nouveau.");

  private final String type;
  private final String titre;
  private final String conseil;

  RaisonRefus(String type, String titre, String conseil) {
    this.type = type;
    this.titre = titre;
    this.conseil = conseil;
  }

  public String type() {
    return type;
  }

  public String titre() {
    return titre;
  }

  public String conseil() {
    return conseil;
  }
}
