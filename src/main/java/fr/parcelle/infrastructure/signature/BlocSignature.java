package fr.parcelle.infrastructure.signature;

import fr.parcelle.domain.port.Signataire;
import fr.parcelle.infrastructure.documents.Polices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * The visible signature block: who signed, in what capacity, when (Europe/Paris), and the words
 * "Signé électroniquement", drawn as the appearance of the signature widget. PDFBox takes it from a
 * one-page template document, which this class writes.
 */
final class BlocSignature {

  static final float LARGEUR = 250;
  static final float HAUTEUR = 86;
  private static final float MARGE = 56;
  private static final float BORD = 6;

  private static final DateTimeFormatter QUAND =
      DateTimeFormatter.ofPattern("'le' d MMMM yyyy 'à' HH:mm:ss", Locale.FRANCE);

  private BlocSignature() {}

  /** Where a new block goes when the document left no empty signature field: bottom right. */
  static PDRectangle zoneParDefaut(PDRectangle page) {
    return new PDRectangle(page.getWidth() - MARGE - LARGEUR, MARGE / 2, LARGEUR, HAUTEUR);
  }

  /** The template: a page of the size of the signed one, a signature field with the block. */
  static byte[] modele(
      PDRectangle page, PDRectangle zone, Signataire signataire, ZonedDateTime quand)
      throws IOException {
    try (PDDocument modele = new PDDocument();
        Polices.Jeu polices = Polices.emprunter()) {
      PDPage feuille = new PDPage(page);
      modele.addPage(feuille);
      PDAcroForm formulaire = new PDAcroForm(modele);
      modele.getDocumentCatalog().setAcroForm(formulaire);
      PDSignatureField champ = new PDSignatureField(formulaire);
      PDAnnotationWidget widget = champ.getWidgets().get(0);
      widget.setRectangle(zone);
      widget.setPage(feuille);
      widget.setPrinted(true);
      feuille.getAnnotations().add(widget);
      formulaire.getFields().add(champ);

      PDAppearanceStream apparence = new PDAppearanceStream(modele);
      apparence.setBBox(new PDRectangle(zone.getWidth(), zone.getHeight()));
      apparence.setResources(new PDResources());
      PDFont normale = polices.normale(modele);
      PDFont grasse = polices.grasse(modele);
      List<Ligne> lignes =
          List.of(
              new Ligne("Signé électroniquement", grasse, 10),
              new Ligne("par " + signataire.nomComplet(), normale, 9),
              new Ligne(signataire.qualite(), normale, 9),
              new Ligne(QUAND.format(quand) + " (heure de Paris)", normale, 8.5f));
      try (PDPageContentStream cs = new PDPageContentStream(modele, apparence)) {
        cs.setStrokingColor(0.2f, 0.3f, 0.55f);
        cs.setLineWidth(1);
        cs.addRect(0.5f, 0.5f, zone.getWidth() - 1, zone.getHeight() - 1);
        cs.stroke();
        cs.setNonStrokingColor(0f, 0f, 0f);
        float y = zone.getHeight() - BORD - 10;
        for (Ligne l : lignes) {
          float taille = ajuster(l, zone.getWidth() - 2 * BORD);
          cs.beginText();
          cs.setFont(l.police(), taille);
          cs.newLineAtOffset(BORD, y);
          cs.showText(l.texte());
          cs.endText();
          y -= taille * 1.45f + 2;
        }
      }
      PDAppearanceDictionary apparences = new PDAppearanceDictionary();
      apparences.setNormalAppearance(apparence);
      widget.setAppearance(apparences);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      modele.save(out);
      return out.toByteArray();
    }
  }

  /** Smaller type for a long name rather than a line running out of the frame. */
  private static float ajuster(Ligne l, float largeur) throws IOException {
    float taille = l.taille();
    while (taille > 5 && l.police().getStringWidth(l.texte()) / 1000 * taille > largeur) {
      taille -= 0.5f;
    }
    return taille;
  }

  private record Ligne(String texte, PDFont police, float taille) {}
}
