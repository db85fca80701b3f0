package fr.parcelle.infrastructure.documents;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** PDF/A-2b validation of a document by veraPDF, the reference validator (tests only). */
public final class ValidationPdfA {

  static {
    VeraGreenfieldFoundryProvider.initialise();
  }

  private ValidationPdfA() {}

  /** The rules of PDF/A-2b the document breaks, each with veraPDF's own words; empty if none. */
  public static List<String> ecartsPdfA2b(byte[] pdf) {
    PDFAFlavour flavour = PDFAFlavour.fromString("2b");
    try (PDFAParser parser =
        Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour)) {
      PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
      ValidationResult resultat = validator.validate(parser);
      return resultat.getTestAssertions().stream()
          .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
          .map(
              a ->
                  a.getRuleId().getClause()
                      + "-"
                      + a.getRuleId().getTestNumber()
                      + " "
                      + a.getMessage()
                      + " ("
                      + a.getLocation().getContext()
                      + ")")
          .distinct()
          .collect(Collectors.toList());
    } catch (Exception e) {
      throw new IllegalStateException("veraPDF n'a pas pu valider le document", e);
    }
  }
}
