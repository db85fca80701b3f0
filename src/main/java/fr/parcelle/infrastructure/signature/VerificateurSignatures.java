package fr.parcelle.infrastructure.signature;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks every signature of a PDF as a careful reader would: the bytes signed (ByteRange covering
 * the whole file but the Contents hole), the CMS signature over them, the signed attributes PAdES
 * requires, the certificate chain up to the given trust anchors, and for B-T the timestamp token
 * and its imprint. Revocation (CRL, OCSP) is not checked.
 */
public final class VerificateurSignatures {

  private static final String SOUS_FILTRE_PADES = "ETSI.CAdES.detached";

  private final Set<TrustAnchor> ancres;

  /**
   * @param ancresDeConfiance the root certificates trusted for signers and timestamp authorities
   */
  public VerificateurSignatures(Collection<X509Certificate> ancresDeConfiance) {
    this.ancres =
        ancresDeConfiance.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
    if (ancres.isEmpty()) {
      throw new IllegalArgumentException("Au moins une autorité de confiance est nécessaire.");
    }
  }

  /** One report per signed field, in the document's order; empty for an unsigned PDF. */
  public List<SignatureVerifiee> verifier(byte[] pdf) {
    List<SignatureVerifiee> rapports = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDSignatureField champ : document.getSignatureFields()) {
        PDSignature signature = champ.getSignature();
        if (signature != null) {
          rapports.add(verifier(pdf, champ.getFullyQualifiedName(), signature));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Ce fichier n'est pas un PDF lisible.", e);
    }
    return rapports;
  }

  private SignatureVerifiee verifier(byte[] pdf, String champ, PDSignature signature) {
    Rapport r = new Rapport(champ, signature);
    int[] plage = signature.getByteRange();
    if (!plageCoherente(pdf, plage, r)) {
      return r.fin();
    }
    r.couvreToutLeFichier = (long) plage[2] + plage[3] == pdf.length;
    if (!r.couvreToutLeFichier) {
      r.anomalies.add(
          "La signature ne couvre pas tout le fichier : "
              + (pdf.length - ((long) plage[2] + plage[3]))
              + " octets ont été ajoutés ou modifiés après elle.");
    }
    try {
      byte[] contenu = signature.getContents(pdf);
      if (!Arrays.equals(contenu, signature.getContents())) {
        r.anomalies.add("Le trou de la ByteRange n'est pas la valeur Contents de la signature.");
        return r.fin();
      }
      CMSSignedData cms =
          new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)), contenu);
      Collection<SignerInformation> signataires = cms.getSignerInfos().getSigners();
      if (signataires.size() != 1) {
        r.anomalies.add("La signature doit avoir exactement un signataire CMS.");
        return r.fin();
      }
      SignerInformation info = signataires.iterator().next();
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> trouves = cms.getCertificates().getMatches(info.getSID());
      if (trouves.isEmpty()) {
        r.anomalies.add("Le certificat du signataire n'est pas dans la signature.");
        return r.fin();
      }
      X509CertificateHolder porteur = trouves.iterator().next();
      X509Certificate certificat = new JcaX509CertificateConverter().getCertificate(porteur);
      r.certificat = certificat;
      r.signataire = nomCommun(porteur.getSubject());

      r.integre = integre(info, porteur, r);
      verifierAttributs(info, certificat, r);
      Optional<Instant> horodatage = verifierHorodatage(info, cms, r);
      Instant date = horodatage.or(() -> r.dateSignature).orElseGet(Instant::now);
      r.chaineValide = chaineValide(certificat, certificats(cms), date, "du signataire", r);
      boolean[] usages = certificat.getKeyUsage();
      if (usages != null && !usages[0] && !usages[1]) {
        r.chaineValide = false;
        r.anomalies.add("Le certificat du signataire ne permet pas la signature.");
      }
      r.niveau =
          !SOUS_FILTRE_PADES.equals(r.sousFiltre) || !r.pades
              ? NiveauPades.NON_PADES
              : r.horodatage.isPresent() || r.jetonPresent ? NiveauPades.B_T : NiveauPades.B_B;
    } catch (IOException | CMSException | GeneralSecurityException e) {
      r.anomalies.add("Signature illisible : " + e.getMessage());
    }
    return r.fin();
  }

  /** [0, début du trou, fin du trou, reste], the hole being exactly {@code <hex…>}. */
  private static boolean plageCoherente(byte[] pdf, int[] plage, Rapport r) {
    if (plage == null
        || plage.length != 4
        || plage[0] != 0
        || plage[1] <= 0
        || plage[2] <= plage[1] + 1
        || plage[3] < 0
        || (long) plage[2] + plage[3] > pdf.length) {
      r.anomalies.add("ByteRange incohérente : " + Arrays.toString(plage));
      return false;
    }
    if (pdf[plage[1]] != '<' || pdf[plage[2] - 1] != '>') {
      r.anomalies.add("Le trou de la ByteRange n'est pas une chaîne hexadécimale.");
      return false;
    }
    for (int i = plage[1] + 1; i < plage[2] - 1; i++) {
      if (Character.digit(pdf[i], 16) < 0) {
        r.anomalies.add("Le trou de la ByteRange contient autre chose que la signature.");
        return false;
      }
    }
    return true;
  }

  private static boolean integre(SignerInformation info, X509CertificateHolder porteur, Rapport r) {
    try {
      if (info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(porteur))) {
        return true;
      }
      r.anomalies.add("La signature cryptographique ne correspond pas au document.");
    } catch (CMSException | OperatorCreationException | GeneralSecurityException e) {
      r.anomalies.add("Le document a été modifié depuis sa signature (" + e.getMessage() + ").");
    } catch (RuntimeException e) {
      r.anomalies.add("Signature cryptographique invérifiable : " + e.getMessage());
    }
    return false;
  }

  private static void verifierAttributs(
      SignerInformation info, X509Certificate certificat, Rapport r)
      throws GeneralSecurityException, IOException {
    AttributeTable signes = info.getSignedAttributes();
    if (signes == null) {
      r.anomalies.add("Aucun attribut signé.");
      return;
    }
    boolean ok = true;
    Attribute type = signes.get(CMSAttributes.contentType);
    if (type == null
        || !CMSObjectIdentifiers.data.equals(
            ASN1ObjectIdentifier.getInstance(type.getAttrValues().getObjectAt(0)))) {
      r.anomalies.add("Attribut content-type absent ou différent de id-data.");
      ok = false;
    }
    if (signes.get(CMSAttributes.messageDigest) == null) {
      r.anomalies.add("Attribut message-digest absent.");
      ok = false;
    }
    Attribute reference = signes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    if (reference == null) {
      r.anomalies.add("Attribut signing-certificate-v2 absent.");
      ok = false;
    } else if (!designeLeCertificat(reference, certificat, r)) {
      ok = false;
    }
    r.pades = reference != null;
    if (signes.get(CMSAttributes.signingTime) != null) {
      r.pades = false;
      r.anomalies.add(
          "Attribut signing-time présent : PAdES baseline veut la date dans l'entrée M seule.");
    }
    r.attributsSignesValides = ok;
  }

  private static boolean designeLeCertificat(
      Attribute reference, X509Certificate certificat, Rapport r)
      throws GeneralSecurityException, IOException {
    ESSCertIDv2 id =
        SigningCertificateV2.getInstance(reference.getAttrValues().getObjectAt(0)).getCerts()[0];
    byte[] attendue;
    try {
      DigestCalculator calcul =
          new JcaDigestCalculatorProviderBuilder().build().get(id.getHashAlgorithm());
      try (OutputStream out = calcul.getOutputStream()) {
        out.write(certificat.getEncoded());
      }
      attendue = calcul.getDigest();
    } catch (OperatorCreationException e) {
      r.anomalies.add("Algorithme de signing-certificate-v2 inconnu.");
      return false;
    }
    if (!MessageDigest.isEqual(attendue, id.getCertHash())) {
      r.anomalies.add("signing-certificate-v2 ne désigne pas le certificat du signataire.");
      return false;
    }
    IssuerSerial emetteur = id.getIssuerSerial();
    if (emetteur != null) {
      X500Name nomEmetteur = X500Name.getInstance(certificat.getIssuerX500Principal().getEncoded());
      boolean memeEmetteur =
          Arrays.stream(emetteur.getIssuer().getNames())
              .anyMatch(
                  n ->
                      n.getTagNo() == GeneralName.directoryName
                          && X500Name.getInstance(n.getName()).equals(nomEmetteur));
      if (!memeEmetteur || !emetteur.getSerial().getValue().equals(certificat.getSerialNumber())) {
        r.anomalies.add("signing-certificate-v2 : émetteur ou numéro de série différent.");
        return false;
      }
    }
    return true;
  }

  private Optional<Instant> verifierHorodatage(SignerInformation info, CMSSignedData cms, Rapport r)
      throws GeneralSecurityException {
    AttributeTable nonSignes = info.getUnsignedAttributes();
    Attribute attribut =
        nonSignes == null
            ? null
            : nonSignes.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
    if (attribut == null) {
      return Optional.empty();
    }
    r.jetonPresent = true;
    try {
      TimeStampToken jeton =
          new TimeStampToken(
              new CMSSignedData(
                  attribut.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded()));
      Instant quand = jeton.getTimeStampInfo().getGenTime().toInstant();
      r.horodatage = Optional.of(quand);
      DigestCalculator calcul =
          new JcaDigestCalculatorProviderBuilder()
              .build()
              .get(jeton.getTimeStampInfo().getHashAlgorithm());
      try (OutputStream out = calcul.getOutputStream()) {
        out.write(info.getSignature());
      }
      if (!MessageDigest.isEqual(
          calcul.getDigest(), jeton.getTimeStampInfo().getMessageImprintDigest())) {
        r.anomalies.add("L'empreinte de l'horodatage n'est pas celle de la signature.");
        return Optional.empty();
      }
      X509Certificate tsa = SignatairePades.certificatHorodatage(jeton);
      jeton.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> chaineTsa = jeton.getCertificates().getMatches(null);
      List<X509Certificate> certificatsTsa = new ArrayList<>();
      for (X509CertificateHolder h : chaineTsa) {
        certificatsTsa.add(new JcaX509CertificateConverter().getCertificate(h));
      }
      r.horodatageValide =
          chaineValide(tsa, certificatsTsa, quand, "de l'autorité d'horodatage", r);
      return r.horodatageValide ? Optional.of(quand) : Optional.empty();
    } catch (TSPException | CMSException | IOException | OperatorCreationException e) {
      r.anomalies.add("Horodatage invalide : " + e.getMessage());
      return Optional.empty();
    } catch (RuntimeException e) {
      r.anomalies.add("Horodatage invalide : " + e.getMessage());
      return Optional.empty();
    }
  }

  private static List<X509Certificate> certificats(CMSSignedData cms)
      throws GeneralSecurityException {
    List<X509Certificate> liste = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> tous = cms.getCertificates().getMatches(null);
    for (X509CertificateHolder h : tous) {
      liste.add(new JcaX509CertificateConverter().getCertificate(h));
    }
    return liste;
  }

  /** PKIX path from {@code certificat} to an anchor, valid at {@code date}. */
  private boolean chaineValide(
      X509Certificate certificat,
      List<X509Certificate> intermediaires,
      Instant date,
      String qui,
      Rapport r) {
    try {
      X509CertSelector cible = new X509CertSelector();
      cible.setCertificate(certificat);
      PKIXBuilderParameters parametres = new PKIXBuilderParameters(ancres, cible);
      parametres.setRevocationEnabled(false);
      parametres.setDate(Date.from(date));
      parametres.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(intermediaires)));
      CertPathBuilder.getInstance("PKIX").build(parametres);
      return true;
    } catch (CertPathBuilderException e) {
      r.anomalies.add(
          "Le certificat "
              + qui
              + " ne remonte à aucune autorité de confiance à la date du "
              + date
              + " ("
              + e.getMessage()
              + ").");
      return false;
    } catch (InvalidAlgorithmParameterException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nomCommun(X500Name nom) {
    RDN[] cn = nom.getRDNs(BCStyle.CN);
    return cn.length == 0 ? nom.toString() : IETFUtils.valueToString(cn[0].getFirst().getValue());
  }

  /** What is learnt while checking one signature. */
  private static final class Rapport {
    final String champ;
    final Optional<String> nomDeclare;
    final Optional<Instant> dateSignature;
    final String sousFiltre;
    final List<String> anomalies = new ArrayList<>();
    String signataire = "";
    X509Certificate certificat;
    NiveauPades niveau = NiveauPades.NON_PADES;
    boolean integre;
    boolean couvreToutLeFichier;
    boolean chaineValide;
    boolean attributsSignesValides;
    boolean pades;
    boolean jetonPresent;
    Optional<Instant> horodatage = Optional.empty();
    boolean horodatageValide;

    Rapport(String champ, PDSignature signature) {
      this.champ = champ;
      this.nomDeclare = Optional.ofNullable(signature.getName());
      this.dateSignature = Optional.ofNullable(signature.getSignDate()).map(c -> c.toInstant());
      this.sousFiltre = signature.getSubFilter();
    }

    SignatureVerifiee fin() {
      return new SignatureVerifiee(
          champ,
          signataire,
          nomDeclare,
          Optional.ofNullable(certificat),
          dateSignature,
          sousFiltre,
          niveau,
          integre,
          couvreToutLeFichier,
          chaineValide,
          attributsSignesValides,
          horodatage,
          horodatageValide,
          anomalies);
    }
  }
}
