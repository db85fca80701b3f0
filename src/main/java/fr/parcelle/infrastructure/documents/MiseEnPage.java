package fr.parcelle.infrastructure.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** A small text layout on A4 pages: titles, paragraphs wrapped to the width, label/value lines. */
final class MiseEnPage {

  private static final float MARGE = 56;
  private static final float LARGEUR = PDRectangle.A4.getWidth() - 2 * MARGE;
  private final PDType1Font normale = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font grasse = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private final PDDocument document = new PDDocument();
  private PDPageContentStream flux;
  private float y;

  MiseEnPage(String titre, String auteur) {
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(titre);
    info.setAuthor(auteur);
    info.setProducer("Parcelle");
    info.setCreationDate(Calendar.getInstance());
    nouvellePage();
  }

  MiseEnPage titre(String texte) {
    return ecrire(texte, grasse, 15, 8);
  }

  MiseEnPage intertitre(String texte) {
    espace(6);
    return ecrire(texte, grasse, 11.5f, 4);
  }

  MiseEnPage paragraphe(String texte) {
    return ecrire(texte, normale, 10, 4);
  }

  MiseEnPage ligne(String libelle, String valeur) {
    return ecrire(libelle + " : " + (valeur == null ? "—" : valeur), normale, 10, 2);
  }

  MiseEnPage espace(float points) {
    y -= points;
    return this;
  }

  private MiseEnPage ecrire(String texte, PDType1Font police, float taille, float apres) {
    try {
      for (String ligne : couper(texte, police, taille)) {
        if (y < MARGE + taille) {
          nouvellePage();
        }
        flux.beginText();
        flux.setFont(police, taille);
        flux.newLineAtOffset(MARGE, y);
        flux.showText(ligne);
        flux.endText();
        y -= taille * 1.35f;
      }
      y -= apres;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> couper(String texte, PDType1Font police, float taille) throws IOException {
    List<String> lignes = new ArrayList<>();
    for (String paragraphe : nettoyer(texte).split("\n")) {
      StringBuilder courante = new StringBuilder();
      for (String mot : paragraphe.split(" ")) {
        String essai = courante.isEmpty() ? mot : courante + " " + mot;
        if (police.getStringWidth(essai) / 1000 * taille > LARGEUR && !courante.isEmpty()) {
          lignes.add(courante.toString());
          courante = new StringBuilder(mot);
        } else {
          courante = new StringBuilder(essai);
        }
      }
      lignes.add(courante.toString());
    }
    return lignes;
  }

  /**
   * The standard fonts encode WinAnsi: replace what it lacks (narrow spaces, typographic
   * apostrophes…).
   */
  private static String nettoyer(String texte) {
    StringBuilder b = new StringBuilder();
    for (char c : texte.toCharArray()) {
      switch (c) {
        case '\u202f', '\u00a0', '\t' -> b.append(' ');
        case '\u2019' -> b.append('\'');
        case '\u2264' -> b.append("<=");
        default -> b.append(c < 0x20 && c != '\n' ? ' ' : c);
      }
    }
    return b.toString();
  }

  private void nouvellePage() {
    try {
      if (flux != null) {
        flux.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      flux = new PDPageContentStream(document, page);
      y = PDRectangle.A4.getHeight() - MARGE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] pdf() {
    try {
      flux.close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      document.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
