package fr.parcelle.infrastructure.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the verification found for one signature of a PDF.
 *
 * @param champ the signature field's name
 * @param signataire the common name (CN) of the signer's certificate
 * @param nomDeclare the Name entry of the signature dictionary, if any
 * @param certificat the signer's certificate, if the CMS carries it
 * @param dateSignature the claimed signing time (M entry)
 * @param sousFiltre the SubFilter, e.g. "ETSI.CAdES.detached"
 * @param integre the CMS signature and the message digest check out over the signed bytes
 * @param couvreToutLeFichier the ByteRange covers the whole file except the Contents hole: nothing
 *     was added after the signature
 * @param chaineValide the signer's certificate chains to a trust anchor and was valid at the
 *     signing time (revocation not checked)
 * @param attributsSignesValides content-type, message-digest and signing-certificate-v2 present,
 *     the latter matching the signer's certificate
 * @param horodatage the timestamp's time, for a B-T signature
 * @param horodatageValide the timestamp's imprint is the signature value's digest, its token is
 *     signed by a TSA chaining to a trust anchor
 * @param anomalies each problem found, in French
 */
public record SignatureVerifiee(
    String champ,
    String signataire,
    Optional<String> nomDeclare,
    Optional<X509Certificate> certificat,
    Optional<Instant> dateSignature,
    String sousFiltre,
    NiveauPades niveau,
    boolean integre,
    boolean couvreToutLeFichier,
    boolean chaineValide,
    boolean attributsSignesValides,
    Optional<Instant> horodatage,
    boolean horodatageValide,
    List<String> anomalies) {

  public SignatureVerifiee {
    anomalies = List.copyOf(anomalies);
  }

  /** Valid: intact, covering the whole file, trusted, well formed, and its timestamp if any. */
  public boolean valide() {
    return integre
        && couvreToutLeFichier
        && chaineValide
        && attributsSignesValides
        && (niveau != NiveauPades.B_T || horodatageValide);
  }
}
