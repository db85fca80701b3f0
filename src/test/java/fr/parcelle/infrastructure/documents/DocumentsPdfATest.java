package fr.parcelle.infrastructure.documents;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.dossier.Adresse;
import fr.parcelle.domain.model.dossier.Demandeur;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.NatureDemande;
import fr.parcelle.domain.model.dossier.NaturePersonne;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.Parcelle;
import fr.parcelle.domain.model.dossier.Projet;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.infrastructure.referentiel.ReferentielFichiers;
import fr.parcelle.infrastructure.referentiel.ReferentielTerritoire;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Every document the platform issues is PDF/A-2b: checked by veraPDF, and its three structural
 * requirements read back with PDFBox so that a failure says which one broke.
 */
public class DocumentsPdfATest {

  private static Dossier dossier;
  private static Commune commune;
  private static ServiceInstructeur service;
  private static CaracteristiquesType caracteristiques;

  @BeforeAll
  static void deposer() {
    ReferentielTerritoire territoire = new ReferentielTerritoire();
    territoire.charger();
    ReferentielFichiers referentiel = new ReferentielFichiers();
    referentiel.charger();
    commune = territoire.commune("35352").orElseThrow();
    service = territoire.service(commune.codeService()).orElseThrow();
    LocalDate depot = LocalDate.of(2027, 1, 12);
    caracteristiques = referentiel.caracteristiques(TypeDossier.PCMI, depot);
    dossier = deposePcmi(depot, caracteristiques);
  }

  public static Dossier deposePcmi(LocalDate depot, CaracteristiquesType caracteristiques) {
    Dossier d =
        Dossier.brouillon(
            new Dossier.Donnees(
                TypeDossier.PCMI,
                NatureDemande.INITIALE,
                null,
                "35352",
                List.of(
                    new Demandeur(
                        NaturePersonne.PARTICULIER,
                        "Le Goff",
                        "Anaïs",
                        null,
                        null,
                        null,
                        "anais.legoff@example.org",
                        null)),
                new Adresse("12", "rue de la Seiche", null, "35770", "Vern-sur-Seiche"),
                List.of(new Parcelle("000", "AB", "0123", new BigDecimal("540"))),
                new Projet(
                    "Maison individuelle de plain-pied",
                    "Construction neuve",
                    null,
                    new BigDecimal("118"),
                    null,
                    1),
                Set.of(),
                null),
            "architecte",
            Instant.parse("2027-01-12T09:00:00Z"));
    d.deposer(
        NumeroDossier.attribuer("PC", "35352", 2027, 1, null),
        Instant.parse("2027-01-12T09:30:00Z"),
        depot,
        caracteristiques,
        CalendrierJuridique.parDefaut(),
        null);
    return d;
  }

  @Test
  void accuseEnregistrementEstPdfA2b() throws IOException {
    byte[] pdf = new GenerateurPdf().accuseEnregistrement(dossier, commune, service);
    verifierPdfA(pdf);
  }

  @Test
  void recepisseEstPdfA2bEtGardeSesMentions() throws IOException {
    byte[] pdf = new GenerateurPdf().recepisse(dossier, commune, service, caracteristiques);
    verifierPdfA(pdf);
    try (PDDocument d = Loader.loadPDF(pdf)) {
      String texte = new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
      assertThat(texte)
          .contains("Récépissé de dépôt")
          .contains("PC 035 352 27 00001")
          .contains("Anaïs Le Goff")
          .contains("R423-5");
    }
  }

  @Test
  void recepisseDaactEstPdfA2bEtDonneLaFinDuDelaiDeContestation() throws IOException {
    ReferentielFichiers referentiel = new ReferentielFichiers();
    referentiel.charger();
    Dossier pc = deposePcmi(LocalDate.of(2027, 1, 12), caracteristiques);
    pc.reputerComplet(
        Instant.parse("2027-02-12T09:00:00Z"),
        new Dossier.Echeances(
            LocalDate.of(2027, 1, 12),
            2,
            LocalDate.of(2027, 3, 12),
            LocalDate.of(2027, 3, 13),
            "PERMIS_TACITE",
            List.of(),
            null));
    pc.constaterDecisionTacite(LocalDate.of(2027, 3, 13), Instant.parse("2027-03-13T00:00:00Z"));
    var regles = referentiel.declarations();
    pc.declarer(
        regles,
        fr.parcelle.domain.model.dossier.NatureDeclaration.DOC,
        LocalDate.of(2027, 4, 1),
        LocalDate.of(2027, 4, 2),
        Instant.parse("2027-04-02T08:00:00Z"),
        "architecte",
        CalendrierJuridique.parDefaut());
    var daact =
        pc.declarer(
            regles,
            fr.parcelle.domain.model.dossier.NatureDeclaration.DAACT,
            LocalDate.of(2028, 2, 28),
            LocalDate.of(2028, 3, 1),
            Instant.parse("2028-03-01T10:00:00Z"),
            "architecte",
            CalendrierJuridique.parDefaut());

    byte[] pdf =
        new GenerateurPdf()
            .recepisseDeclaration(
                pc,
                daact,
                regles
                    .regle(fr.parcelle.domain.model.dossier.NatureDeclaration.DAACT)
                    .orElseThrow(),
                commune);

    verifierPdfA(pdf);
    try (PDDocument d = Loader.loadPDF(pdf)) {
      String texte = new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
      assertThat(texte)
          .contains("Déclaration attestant l'achèvement et la conformité des travaux")
          .contains("PC 035 352 27 00001")
          .contains("13408")
          .contains("permis tacite du 13 mars 2027")
          .contains("28 février 2028")
          .contains("jusqu'au 1 juin 2028 inclus")
          .contains("R462-6");
    }
  }

  /** veraPDF first, then the structural requirements one by one. */
  public static void verifierPdfA(byte[] pdf) throws IOException {
    assertThat(ValidationPdfA.ecartsPdfA2b(pdf)).isEmpty();
    try (PDDocument d = Loader.loadPDF(pdf)) {
      List<PDFont> polices = new ArrayList<>();
      for (PDPage page : d.getPages()) {
        PDResources ressources = page.getResources();
        for (COSName nom : ressources.getFontNames()) {
          polices.add(ressources.getFont(nom));
        }
      }
      assertThat(polices).isNotEmpty().allSatisfy(p -> assertThat(p.isEmbedded()).isTrue());
      List<PDOutputIntent> intentions = d.getDocumentCatalog().getOutputIntents();
      assertThat(intentions).hasSize(1);
      assertThat(intentions.get(0).getOutputConditionIdentifier()).isEqualTo("sRGB IEC61966-2.1");
      assertThat(intentions.get(0).getDestOutputIntent()).isNotNull();
      Document xmp;
      try (InputStream in = d.getDocumentCatalog().getMetadata().exportXMPMetadata()) {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        xmp = f.newDocumentBuilder().parse(in);
      } catch (ParserConfigurationException | SAXException e) {
        throw new IOException(e);
      }
      String pdfaid = "http://www.aiim.org/pdfa/ns/id/";
      assertThat(xmp.getElementsByTagNameNS(pdfaid, "part").item(0).getTextContent())
          .isEqualTo("2");
      assertThat(xmp.getElementsByTagNameNS(pdfaid, "conformance").item(0).getTextContent())
          .isEqualTo("B");
    }
  }
}
