package fr.parcelle.infrastructure.documents;

import fr.parcelle.infrastructure.horloge.HorlogeProducer;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * A small text layout on A4 pages (titles, paragraphs wrapped to the width, label/value lines) that
 * every document the platform issues goes through, so that each one is PDF/A-2b: fonts embedded, an
 * sRGB output intent, XMP metadata that declares the conformance and repeats the document
 * information.
 */
final class MiseEnPage implements AutoCloseable {

  private static final float MARGE = 56;
  private static final float LARGEUR = PDRectangle.A4.getWidth() - 2 * MARGE;
  private static final String PRODUCTEUR = "Parcelle";

  /** Size of the area left for the signer's visible signature block. */
  static final float LARGEUR_SIGNATURE = 250;

  static final float HAUTEUR_SIGNATURE = 86;

  /**
   * The JDK's own sRGB profile (IEC 61966-2.1): the output intent every document declares, read
   * once.
   */
  private static final byte[] PROFIL_SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  private static final DateTimeFormatter ISO_8601 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
          .withZone(HorlogeProducer.FUSEAU_LEGAL);

  private final PDDocument document = new PDDocument();
  private final Polices.Jeu polices = Polices.emprunter();
  private boolean ferme;
  private final PDFont normale = polices.normale(document);
  private final PDFont grasse = polices.grasse(document);
  private final Map<Integer, Boolean> glyphes = new HashMap<>();
  private final String titreDocument;
  private final String auteur;
  private final Calendar creation;
  private PDPageContentStream flux;
  private PDPage page;
  private float y;

  MiseEnPage(String titre, String auteur) {
    this.titreDocument = titre;
    this.auteur = auteur;
    // One instant, to the second, for the information dictionary and the XMP: PDF/A wants them
    // equal.
    this.creation =
        Calendar.getInstance(TimeZone.getTimeZone(HorlogeProducer.FUSEAU_LEGAL), Locale.FRANCE);
    creation.set(Calendar.MILLISECOND, 0);
    document.setVersion(1.7f);
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(titre);
    info.setAuthor(auteur);
    info.setCreator(PRODUCTEUR);
    info.setProducer(PRODUCTEUR);
    info.setCreationDate(creation);
    info.setModificationDate(creation);
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

  /** A paragraph in bold (the operative part of an arrêté). */
  MiseEnPage paragrapheGras(String texte) {
    return ecrire(texte, grasse, 10, 4);
  }

  MiseEnPage ligne(String libelle, String valeur) {
    return ecrire(libelle + " : " + (valeur == null ? "—" : valeur), normale, 10, 2);
  }

  MiseEnPage espace(float points) {
    y -= points;
    return this;
  }

  /**
   * Leaves, right-aligned on the current page (or the next one when too little room remains), an
   * empty signature field named {@code nomChamp} where the signer's visible block will be drawn.
   */
  MiseEnPage emplacementSignature(String nomChamp) {
    if (y - HAUTEUR_SIGNATURE < MARGE) {
      nouvellePage();
    }
    try {
      PDRectangle zone =
          new PDRectangle(
              MARGE + LARGEUR - LARGEUR_SIGNATURE,
              y - HAUTEUR_SIGNATURE,
              LARGEUR_SIGNATURE,
              HAUTEUR_SIGNATURE);
      PDDocumentCatalog catalogue = document.getDocumentCatalog();
      PDAcroForm formulaire = catalogue.getAcroForm(null);
      if (formulaire == null) {
        formulaire = new PDAcroForm(document);
        catalogue.setAcroForm(formulaire);
      }
      PDSignatureField champ = new PDSignatureField(formulaire);
      champ.setPartialName(nomChamp);
      PDAnnotationWidget widget = champ.getWidgets().get(0);
      widget.setRectangle(zone);
      widget.setPage(page);
      // PDF/A: every annotation prints and has an appearance.
      widget.setPrinted(true);
      PDAppearanceStream apparence = new PDAppearanceStream(document);
      apparence.setBBox(new PDRectangle(zone.getWidth(), zone.getHeight()));
      apparence.setResources(new PDResources());
      try (PDPageContentStream cs = new PDPageContentStream(document, apparence)) {
        cs.setStrokingColor(0.6f);
        cs.setLineWidth(0.5f);
        cs.addRect(0.5f, 0.5f, zone.getWidth() - 1, zone.getHeight() - 1);
        cs.stroke();
        cs.setNonStrokingColor(0.45f);
        cs.beginText();
        cs.setFont(normale, 8);
        cs.newLineAtOffset(6, zone.getHeight() / 2 - 3);
        cs.showText("Emplacement de la signature électronique");
        cs.endText();
      }
      PDAppearanceDictionary apparences = new PDAppearanceDictionary();
      apparences.setNormalAppearance(apparence);
      widget.setAppearance(apparences);
      page.getAnnotations().add(widget);
      formulaire.getFields().add(champ);
      y -= HAUTEUR_SIGNATURE;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MiseEnPage ecrire(String texte, PDFont police, float taille, float apres) {
    try {
      for (String ligne : couper(nettoyer(texte, police), police, taille)) {
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

  private List<String> couper(String texte, PDFont police, float taille) throws IOException {
    // Widths are summed word by word from a per-character cache: measuring the whole line again
    // for every word was most of a document's cost (JFR on the deposit benchmark).
    float limite = LARGEUR * 1000 / taille;
    float espace = largeur(police, " ");
    List<String> lignes = new ArrayList<>();
    for (String paragraphe : texte.split("\n")) {
      StringBuilder courante = new StringBuilder();
      float occupee = 0;
      for (String mot : paragraphe.split(" ")) {
        float l = largeur(police, mot);
        if (!courante.isEmpty() && occupee + espace + l > limite) {
          lignes.add(courante.toString());
          courante = new StringBuilder(mot);
          occupee = l;
        } else if (courante.isEmpty()) {
          courante.append(mot);
          occupee = l;
        } else {
          courante.append(' ').append(mot);
          occupee += espace + l;
        }
      }
      lignes.add(courante.toString());
    }
    return lignes;
  }

  private final java.util.Map<PDFont, java.util.Map<Integer, Float>> largeurs =
      new java.util.IdentityHashMap<>();

  /**
   * Width of {@code texte} in thousandths of the font size (glyph advances, as PDFBox sums them).
   */
  private float largeur(PDFont police, String texte) throws IOException {
    java.util.Map<Integer, Float> cache =
        largeurs.computeIfAbsent(police, p -> new java.util.HashMap<>());
    float total = 0;
    for (int i = 0; i < texte.length(); ) {
      int c = texte.codePointAt(i);
      i += Character.charCount(c);
      Float w = cache.get(c);
      if (w == null) {
        w = police.getStringWidth(new String(Character.toChars(c)));
        cache.put(c, w);
      }
      total += w;
    }
    return total;
  }

  /**
   * Spaces for tabs and control characters (text extraction then finds plain spaces), and a
   * question mark for the rare character the embedded font cannot draw.
   */
  private String nettoyer(String texte, PDFont police) {
    StringBuilder b = new StringBuilder();
    texte
        .codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                b.append('\n');
              } else if (c < 0x20 || c == '\u00a0' || c == '\u202f') {
                b.append(' ');
              } else if (dessinable(c, police)) {
                b.appendCodePoint(c);
              } else {
                b.append('?');
              }
            });
    return b.toString();
  }

  private boolean dessinable(int c, PDFont police) {
    return glyphes.computeIfAbsent(
        c * 2 + (police == grasse ? 1 : 0),
        k -> {
          try {
            police.encode(new String(Character.toChars(c)));
            return true;
          } catch (IllegalArgumentException | IOException e) {
            return false;
          }
        });
  }

  private void nouvellePage() {
    try {
      if (flux != null) {
        flux.close();
      }
      page = new PDPage(PDRectangle.A4);
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
      declarerPdfA();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      close();
    }
  }

  /** Gives the fonts back to their pool; {@link #pdf()} does it, so does an abandoned page. */
  @Override
  public void close() {
    if (ferme) {
      return;
    }
    ferme = true;
    try {
      document.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      polices.close();
    }
  }

  /** PDF/A-2b (ISO 19005-2, level B): XMP identification and metadata, sRGB output intent. */
  private void declarerPdfA() throws IOException {
    PDMetadata metadonnees = new PDMetadata(document);
    metadonnees.importXMPMetadata(xmp().getBytes(StandardCharsets.UTF_8));
    PDDocumentCatalog catalogue = document.getDocumentCatalog();
    catalogue.setMetadata(metadonnees);

    PDOutputIntent intention = new PDOutputIntent(document, new ByteArrayInputStream(PROFIL_SRGB));
    intention.setInfo("sRGB IEC61966-2.1");
    intention.setOutputCondition("sRGB IEC61966-2.1");
    intention.setOutputConditionIdentifier("sRGB IEC61966-2.1");
    intention.setRegistryName("http://www.color.org");
    catalogue.addOutputIntent(intention);
  }

  /**
   * The XMP packet, written here rather than through a DOM serializer: the result then does not
   * depend on which XSLT engine the classpath happens to offer (one dropped the xml: prefix of
   * xml:lang, which made the packet invalid).
   */
  private String xmp() {
    String date = ISO_8601.format(creation.toInstant());
    return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        + "<rdf:Description rdf:about=\"\"\n"
        + "  xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
        + "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        + "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        + "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        + "<pdfaid:part>2</pdfaid:part>\n"
        + "<pdfaid:conformance>B</pdfaid:conformance>\n"
        + "<dc:format>application/pdf</dc:format>\n"
        + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"
        + xml(titreDocument)
        + "</rdf:li></rdf:Alt></dc:title>\n"
        + "<dc:creator><rdf:Seq><rdf:li>"
        + xml(auteur)
        + "</rdf:li></rdf:Seq></dc:creator>\n"
        + "<xmp:CreatorTool>"
        + PRODUCTEUR
        + "</xmp:CreatorTool>\n"
        + "<xmp:CreateDate>"
        + date
        + "</xmp:CreateDate>\n"
        + "<xmp:ModifyDate>"
        + date
        + "</xmp:ModifyDate>\n"
        + "<pdf:Producer>"
        + PRODUCTEUR
        + "</pdf:Producer>\n"
        + "</rdf:Description>\n"
        + "</rdf:RDF>\n"
        + "</x:xmpmeta>\n"
        + "<?xpacket end=\"r\"?>";
  }

  private static String xml(String texte) {
    return texte
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
