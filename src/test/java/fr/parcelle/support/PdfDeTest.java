package fr.parcelle.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDXFAResource;

/**
 * PDFs made by PDFBox for the tests: a sound one, and one with each defect a hostile upload may
 * carry.
 */
public final class PdfDeTest {

  private PdfDeTest() {}

  public static byte[] sain(int pages) {
    return pdf(pages, d -> {});
  }

  public static byte[] chiffreAvecMotDePasse() {
    return pdf(1, d -> proteger(d, "secret", "proprietaire"));
  }

  public static byte[] restreintSansMotDePasse() {
    return pdf(
        1,
        d -> {
          AccessPermission droits = new AccessPermission();
          droits.setCanPrint(false);
          StandardProtectionPolicy p = new StandardProtectionPolicy("proprietaire", "", droits);
          p.setEncryptionKeyLength(128);
          protegerAvec(d, p);
        });
  }

  public static byte[] avecJavaScript() {
    return pdf(
        1,
        d -> d.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('bonjour');")));
  }

  public static byte[] avecLancement() {
    return pdf(
        1,
        d -> {
          PDAnnotationLink lien = new PDAnnotationLink();
          PDActionLaunch action = new PDActionLaunch();
          action.setFile(new PDComplexFileSpecification());
          lien.setAction(action);
          try {
            d.getPage(0).getAnnotations().add(lien);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  public static byte[] avecFichierJoint() {
    return pdf(
        1,
        d -> {
          try {
            PDEmbeddedFile contenu =
                new PDEmbeddedFile(d, new java.io.ByteArrayInputStream(Fichiers.zip()));
            PDComplexFileSpecification fichier = new PDComplexFileSpecification();
            fichier.setFile("plans.zip");
            fichier.setEmbeddedFile(contenu);
            PDEmbeddedFilesNameTreeNode arbre = new PDEmbeddedFilesNameTreeNode();
            arbre.setNames(Map.of("plans.zip", fichier));
            PDDocumentNameDictionary noms = new PDDocumentNameDictionary(d.getDocumentCatalog());
            noms.setEmbeddedFiles(arbre);
            d.getDocumentCatalog().setNames(noms);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  public static byte[] avecXfa() {
    return pdf(
        1,
        d -> {
          PDAcroForm formulaire = new PDAcroForm(d);
          formulaire.setXFA(new PDXFAResource(COSName.getPDFName("xdp")));
          d.getDocumentCatalog().setAcroForm(formulaire);
          formulaire.getCOSObject().setItem(COSName.XFA, new COSDictionary());
        });
  }

  /** A PDF followed by another file: a polyglot. */
  public static byte[] suiviDe(byte[] cache) {
    byte[] pdf = sain(1);
    byte[] tout = new byte[pdf.length + cache.length];
    System.arraycopy(pdf, 0, tout, 0, pdf.length);
    System.arraycopy(cache, 0, tout, pdf.length, cache.length);
    return tout;
  }

  public static byte[] tronque() {
    byte[] pdf = sain(3);
    return java.util.Arrays.copyOf(pdf, pdf.length * 2 / 3);
  }

  private static void proteger(PDDocument d, String utilisateur, String proprietaire) {
    StandardProtectionPolicy p =
        new StandardProtectionPolicy(proprietaire, utilisateur, new AccessPermission());
    p.setEncryptionKeyLength(128);
    protegerAvec(d, p);
  }

  private static void protegerAvec(PDDocument d, StandardProtectionPolicy p) {
    try {
      d.protect(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] pdf(int pages, Consumer<PDDocument> defaut) {
    try (PDDocument d = new PDDocument()) {
      PDType1Font police = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int i = 1; i <= pages; i++) {
        PDPage page = new PDPage();
        d.addPage(page);
        try (PDPageContentStream c = new PDPageContentStream(d, page)) {
          c.beginText();
          c.setFont(police, 12);
          c.newLineAtOffset(72, 700);
          c.showText("Plan de situation, page " + i);
          c.endText();
        }
      }
      defaut.accept(d);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      d.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
