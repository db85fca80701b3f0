package fr.parcelle.infrastructure.signature;

import fr.parcelle.domain.port.Signataire;
import fr.parcelle.domain.port.SignatureElectronique;
import fr.parcelle.domain.port.SignatureImpossibleException;
import fr.parcelle.infrastructure.horloge.HorlogeProducer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.bouncycastle.util.Store;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PAdES signatures (ETSI EN 319 142-1) of PDFs: baseline B-B, and B-T when a timestamp authority is
 * configured ({@code parcelle.signature.tsa-url}). The CMS is detached ({@code
 * ETSI.CAdES.detached}), signed with SHA-256 and RSA or ECDSA, carries the whole certificate chain
 * and, as signed attributes, only content-type, message-digest and signing-certificate-v2: PAdES
 * baseline forbids the signing-time attribute, the claimed time being the M entry of the signature
 * dictionary. The signature is added as an incremental update with a visible block on the
 * document's empty signature field, or at the bottom of its last page.
 */
@ApplicationScoped
public class SignatairePades implements SignatureElectronique {

  private static final Logger LOG = Logger.getLogger(SignatairePades.class.getName());

  /** Room kept in the file for the CMS: a long chain and a timestamp token fit easily. */
  static final int PLACE_RESERVEE = 32 * 1024;

  private static final DateTimeFormatter HORODATAGE_JOURNAL =
      DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm:ss", Locale.FRANCE);

  @Inject
  @ConfigProperty(name = "parcelle.signature.keystores-dir", defaultValue = "data/signature")
  String repertoire;

  @Inject
  @ConfigProperty(name = "parcelle.signature.tsa-url")
  Optional<String> urlHorodatage;

  @Inject
  @ConfigProperty(name = "parcelle.demo.enabled", defaultValue = "false")
  boolean demo;

  @Inject
  @ConfigProperty(name = "parcelle.db.embedded", defaultValue = "false")
  boolean baseEmbarquee;

  @Inject Clock horloge;

  private Trousseaux trousseaux;
  private Optional<URI> autoriteHorodatage = Optional.empty();
  private HttpClient http;
  private final SecureRandom aleas = new SecureRandom();

  public SignatairePades() {}

  /**
   * For use outside the container.
   *
   * @param repertoireTrousseaux where {@code <login>.p12} files are
   * @param autoriteHorodatage the RFC 3161 timestamp authority, if any (then B-T)
   * @param demo whether the demo password may open keystores that have no password set
   * @param environnement where passwords are read ({@code System::getenv} in production)
   */
  public SignatairePades(
      Path repertoireTrousseaux,
      Optional<URI> autoriteHorodatage,
      boolean demo,
      Function<String, String> environnement,
      Clock horloge) {
    this.horloge = horloge;
    this.trousseaux = new Trousseaux(repertoireTrousseaux, demo, environnement);
    this.autoriteHorodatage = autoriteHorodatage;
    this.http = client();
  }

  @PostConstruct
  void initialiser() {
    trousseaux =
        new Trousseaux(Path.of(repertoire).toAbsolutePath(), demo && baseEmbarquee, System::getenv);
    autoriteHorodatage = urlHorodatage.filter(u -> !u.isBlank()).map(URI::create);
    http = client();
    LOG.info(
        () ->
            "Signatures PAdES "
                + autoriteHorodatage.map(u -> "B-T, horodatées par " + u).orElse("B-B")
                + ", trousseaux dans "
                + trousseaux.repertoire());
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public byte[] signer(byte[] pdf, Signataire signataire) {
    Trousseaux.Cle cle = trousseaux.ouvrir(signataire.login());
    Instant maintenant = horloge.instant();
    verifierCertificat(cle.certificat(), signataire, maintenant);
    ZonedDateTime quand = maintenant.atZone(HorlogeProducer.FUSEAU_LEGAL);
    try (PDDocument document = Loader.loadPDF(pdf);
        SignatureOptions options = new SignatureOptions()) {
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
      signature.setName(signataire.nomComplet());
      signature.setReason("Signé électroniquement en qualité de " + signataire.qualite());
      signature.setSignDate(GregorianCalendar.from(quand));

      PDRectangle zone;
      PDPage page;
      Optional<PDSignatureField> champ =
          document.getSignatureFields().stream()
              .filter(c -> c.getSignature() == null && !c.getWidgets().isEmpty())
              .findFirst();
      if (champ.isPresent()) {
        // The document says where its signer signs: PDFBox keeps that field's rectangle.
        champ.get().getCOSObject().setItem(COSName.V, signature);
        zone = champ.get().getWidgets().get(0).getRectangle();
        page = champ.get().getWidgets().get(0).getPage();
        if (page == null) {
          page = document.getPage(document.getNumberOfPages() - 1);
        }
      } else {
        page = document.getPage(document.getNumberOfPages() - 1);
        zone = BlocSignature.zoneParDefaut(page.getMediaBox());
        options.setPage(document.getNumberOfPages() - 1);
      }
      options.setVisualSignature(
          new ByteArrayInputStream(
              BlocSignature.modele(page.getMediaBox(), zone, signataire, quand)));
      options.setPreferredSignatureSize(PLACE_RESERVEE);
      document.addSignature(signature, options);

      ByteArrayOutputStream sortie = new ByteArrayOutputStream(pdf.length + 3 * PLACE_RESERVEE);
      ExternalSigningSupport externe = document.saveIncrementalForExternalSigning(sortie);
      byte[] cms = cms(lire(externe.getContent()), cle);
      if (cms.length > PLACE_RESERVEE) {
        throw new SignatureImpossibleException(
            "La signature (" + cms.length + " octets) dépasse la place réservée.");
      }
      externe.setSignature(cms);
      LOG.info(
          () ->
              "Document signé par "
                  + signataire.nomComplet()
                  + " le "
                  + HORODATAGE_JOURNAL.format(quand)
                  + autoriteHorodatage.map(u -> ", horodaté").orElse(""));
      return sortie.toByteArray();
    } catch (IOException e) {
      throw new SignatureImpossibleException("Le document n'a pas pu être signé.", e);
    }
  }

  /** A signature with an expired or unsuitable certificate would be worthless: refuse it now. */
  private static void verifierCertificat(
      X509Certificate certificat, Signataire signataire, Instant maintenant) {
    try {
      certificat.checkValidity(Date.from(maintenant));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new SignatureImpossibleException(
          "Le certificat de signature de "
              + signataire.nomComplet()
              + " n'est pas valide à cette date (validité du "
              + certificat.getNotBefore().toInstant()
              + " au "
              + certificat.getNotAfter().toInstant()
              + ").",
          e);
    }
    boolean[] usages = certificat.getKeyUsage();
    if (usages != null && !usages[0] && !usages[1]) {
      throw new SignatureImpossibleException(
          "Le certificat de "
              + signataire.nomComplet()
              + " ne permet pas de signer (usages de la clé).");
    }
  }

  /** The detached CMS over the bytes of the ByteRange, then its timestamp when configured. */
  private byte[] cms(byte[] contenu, Trousseaux.Cle cle) {
    try {
      X509Certificate certificat = cle.certificat();
      String algorithme =
          "EC".equals(cle.cle().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
      JcaSignerInfoGeneratorBuilder infos =
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
      Attribute certificatSignataire = signingCertificateV2(certificat);
      infos.setSignedAttributeGenerator(
          (CMSAttributeTableGenerator)
              parametres -> attributsSignes(parametres, certificatSignataire));
      CMSSignedDataGenerator generateur = new CMSSignedDataGenerator();
      generateur.addSignerInfoGenerator(
          infos.build(new JcaContentSignerBuilder(algorithme).build(cle.cle()), certificat));
      generateur.addCertificates(new JcaCertStore(cle.chaine()));
      CMSSignedData signe = generateur.generate(new CMSProcessableByteArray(contenu), false);
      if (autoriteHorodatage.isPresent()) {
        signe = horodater(signe, autoriteHorodatage.get());
      }
      return signe.getEncoded(ASN1Encoding.DER);
    } catch (GeneralSecurityException | OperatorCreationException | CMSException | IOException e) {
      throw new SignatureImpossibleException("La signature cryptographique a échoué.", e);
    }
  }

  /**
   * Exactly the three signed attributes of a PAdES baseline signature; no signing-time (EN 319
   * 142-1, 6.3: the M entry carries the claimed signing time).
   */
  private static AttributeTable attributsSignes(Map<?, ?> parametres, Attribute certificat) {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(
        new Attribute(
            CMSAttributes.contentType,
            new DERSet(
                ASN1ObjectIdentifier.getInstance(
                    parametres.get(CMSAttributeTableGenerator.CONTENT_TYPE)))));
    v.add(
        new Attribute(
            CMSAttributes.messageDigest,
            new DERSet(
                new DEROctetString((byte[]) parametres.get(CMSAttributeTableGenerator.DIGEST)))));
    v.add(certificat);
    return new AttributeTable(v);
  }

  /** ESS signing-certificate-v2 (RFC 5035): SHA-256 of the signer's certificate and its issuer. */
  static Attribute signingCertificateV2(X509Certificate certificat)
      throws GeneralSecurityException, IOException {
    byte[] empreinte = MessageDigest.getInstance("SHA-256").digest(certificat.getEncoded());
    JcaX509CertificateHolder porteur = new JcaX509CertificateHolder(certificat);
    IssuerSerial emetteur =
        new IssuerSerial(
            new GeneralNames(new GeneralName(X500Name.getInstance(porteur.getIssuer()))),
            certificat.getSerialNumber());
    return new Attribute(
        PKCSObjectIdentifiers.id_aa_signingCertificateV2,
        new DERSet(new SigningCertificateV2(new ESSCertIDv2(empreinte, emetteur))));
  }

  /**
   * B-T: an RFC 3161 token over the signature value, added as the unsigned attribute
   * id-aa-signatureTimeStampToken.
   */
  private CMSSignedData horodater(CMSSignedData signe, URI autorite)
      throws GeneralSecurityException, IOException, CMSException {
    SignerInformation info = signe.getSignerInfos().getSigners().iterator().next();
    byte[] empreinte = MessageDigest.getInstance("SHA-256").digest(info.getSignature());
    TimeStampRequestGenerator requetes = new TimeStampRequestGenerator();
    requetes.setCertReq(true);
    TimeStampRequest requete =
        requetes.generate(TSPAlgorithms.SHA256, empreinte, new BigInteger(64, aleas));
    TimeStampToken jeton = demanderJeton(autorite, requete);

    ASN1EncodableVector nonSignes =
        info.getUnsignedAttributes() == null
            ? new ASN1EncodableVector()
            : info.getUnsignedAttributes().toASN1EncodableVector();
    nonSignes.add(
        new Attribute(
            PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
            new DERSet(ASN1Primitive.fromByteArray(jeton.getEncoded()))));
    SignerInformation horodatee =
        SignerInformation.replaceUnsignedAttributes(info, new AttributeTable(nonSignes));
    return CMSSignedData.replaceSigners(signe, new SignerInformationStore(List.of(horodatee)));
  }

  private TimeStampToken demanderJeton(URI autorite, TimeStampRequest requete)
      throws IOException, GeneralSecurityException {
    HttpRequest http =
        HttpRequest.newBuilder(autorite)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/timestamp-query")
            .header("Accept", "application/timestamp-reply")
            .POST(HttpRequest.BodyPublishers.ofByteArray(requete.getEncoded()))
            .build();
    HttpResponse<byte[]> reponse;
    try {
      reponse = this.http.send(http, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SignatureImpossibleException("Horodatage interrompu.", e);
    } catch (IOException e) {
      throw new SignatureImpossibleException(
          "L'autorité d'horodatage " + autorite + " ne répond pas.", e);
    }
    if (reponse.statusCode() != 200) {
      throw new SignatureImpossibleException(
          "L'autorité d'horodatage " + autorite + " a répondu " + reponse.statusCode() + ".");
    }
    try {
      TimeStampResponse tsr = new TimeStampResponse(reponse.body());
      // Status granted, same imprint, same nonce, same policy as asked.
      tsr.validate(requete);
      TimeStampToken jeton = tsr.getTimeStampToken();
      if (jeton == null) {
        throw new SignatureImpossibleException(
            "L'autorité d'horodatage a refusé la demande : " + tsr.getStatusString());
      }
      X509Certificate certificatTsa = certificatHorodatage(jeton);
      jeton.validate(new JcaSimpleSignerInfoVerifierBuilder().build(certificatTsa));
      return jeton;
    } catch (TSPException | OperatorCreationException e) {
      throw new SignatureImpossibleException(
          "Réponse d'horodatage invalide de " + autorite + " : " + e.getMessage(), e);
    }
  }

  /** The TSA's certificate, which the token carries (certReq was set). */
  @SuppressWarnings("unchecked")
  static X509Certificate certificatHorodatage(TimeStampToken jeton)
      throws GeneralSecurityException {
    Store<X509CertificateHolder> certificats = jeton.getCertificates();
    Collection<X509CertificateHolder> trouves =
        certificats.getMatches((Selector<X509CertificateHolder>) jeton.getSID());
    if (trouves.isEmpty()) {
      throw new SignatureImpossibleException(
          "Le jeton d'horodatage ne contient pas le certificat de l'autorité.");
    }
    return new JcaX509CertificateConverter().getCertificate(trouves.iterator().next());
  }

  private static byte[] lire(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
