package fr.parcelle.infrastructure.storage.s3;

import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.port.DocumentStore;
import fr.parcelle.infrastructure.storage.ReceptionTemporaire;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Original bytes in an S3-compatible bucket, under the same content address as on disk ({@code
 * ab/cd/<sha256>}). Reception is the shared one ({@link ReceptionTemporaire}): the inspection reads
 * the local temporary file before anything is kept. Keeping uploads the file (one PUT, or multipart
 * past {@code taillePartie}), each request carrying Content-MD5 and, when enabled, {@code
 * x-amz-checksum-sha256}, so the server refuses bytes damaged on the way; then the object is read
 * back by HEAD (size, SHA-256 in its metadata) before the upload counts as kept. An object already
 * there with the same size and hash is not rewritten. Reads stream, and are hashed on the way:
 * bytes that no longer match their address end in an {@link IOException}, never silently.
 */
public class StockageS3 implements DocumentStore, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StockageS3.class.getName());
  private static final String TYPE = "application/octet-stream";
  static final String META_SHA256 = "sha256";
  static final String META_SHA512 = "sha512";

  /** The trash's prefix, before the content's own key. */
  static final String CORBEILLE = "corbeille/";

  private static final Pattern CLE = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{2}/([0-9a-f]{64})");

  /** S3's smallest part (except the last). */
  public static final long PARTIE_MIN = 5L * 1024 * 1024;

  /** Where and how to reach the bucket. {@code endpoint} empty: AWS's own for the region. */
  public record Configuration(
      Optional<URI> endpoint,
      String region,
      String seau,
      boolean cheminDansUrl,
      String cleAcces,
      String cleSecrete,
      long taillePartie,
      boolean sommeSha256,
      Duration delaiConnexion,
      Duration delaiLecture) {

    public Configuration {
      if (seau == null || seau.isBlank()) {
        throw new IllegalArgumentException("parcelle.storage.s3.bucket manque");
      }
      if (cleAcces == null || cleAcces.isBlank() || cleSecrete == null || cleSecrete.isBlank()) {
        throw new IllegalArgumentException(
            "Les clés S3 manquent : variables d'environnement PARCELLE_STORAGE_S3_ACCESS_KEY et"
                + " PARCELLE_STORAGE_S3_SECRET_KEY");
      }
      if (taillePartie < PARTIE_MIN) {
        throw new IllegalArgumentException("Une partie S3 fait au moins 5 Mo");
      }
    }
  }

  private final S3Client s3;
  private final String seau;
  private final Path temporaire;
  private final long taillePartie;
  private final boolean sommeSha256;

  public StockageS3(Configuration c, Path temporaire) {
    this(client(c), c.seau(), temporaire, c.taillePartie(), c.sommeSha256());
    LOG.info(
        () ->
            "Documents conservés dans le seau S3 "
                + c.seau()
                + c.endpoint().map(u -> " de " + u).orElse("")
                + " (fichiers temporaires : "
                + temporaire
                + ")");
  }

  StockageS3(S3Client s3, String seau, Path temporaire, long taillePartie, boolean sommeSha256) {
    this.s3 = s3;
    this.seau = seau;
    this.temporaire = temporaire.toAbsolutePath();
    this.taillePartie = taillePartie;
    this.sommeSha256 = sommeSha256;
    try {
      Files.createDirectories(this.temporaire);
    } catch (IOException e) {
      throw new UncheckedIOException("Répertoire temporaire impossible : " + this.temporaire, e);
    }
  }

  /**
   * The SDK's client on the JDK's HTTP connection. Checksums only when an operation requires them:
   * the SDK's default (CRC32 trailers in aws-chunked bodies) is refused by several S3-compatible
   * servers, and we send our own Content-MD5 and SHA-256 anyway.
   */
  static S3Client client(Configuration c) {
    var builder =
        S3Client.builder()
            .region(Region.of(c.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(c.cleAcces(), c.cleSecrete())))
            .forcePathStyle(c.cheminDansUrl())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(c.delaiConnexion())
                    .socketTimeout(c.delaiLecture()));
    c.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** The object key of a content address, as on disk: {@code ab/cd/<sha256>}. */
  public static String cle(String sha256) {
    return sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
  }

  @Override
  public Reception recevoir(InputStream flux, long tailleMax) throws IOException {
    return new Envoi(ReceptionTemporaire.ecrire(temporaire, flux, tailleMax));
  }

  @Override
  public Empreinte conserver(byte[] contenu) throws IOException {
    try (Reception r = recevoir(new ByteArrayInputStream(contenu), Long.MAX_VALUE)) {
      r.conserver();
      return r.empreinte();
    }
  }

  @Override
  public InputStream ouvrir(Empreinte empreinte) throws IOException {
    String sha256 = empreinte.sha256();
    String cle = cle(sha256);
    try {
      return lire(sha256);
    } catch (NoSuchKeyException e) {
      try {
        if (tete(CORBEILLE + cle).isEmpty()) {
          throw new NoSuchFileException("s3://" + seau + "/" + cle, null, "objet absent du seau");
        }
        LOG.warning(() -> "Contenu " + sha256 + " lu depuis la corbeille : remis en place");
        restaurer(sha256);
        return lire(sha256);
      } catch (NoSuchKeyException absent) {
        throw new NoSuchFileException("s3://" + seau + "/" + cle, null, "objet absent du seau");
      } catch (SdkException echec) {
        throw new IOException(
            "Lecture S3 impossible de " + cle + " : " + echec.getMessage(), echec);
      }
    } catch (SdkException e) {
      throw new IOException("Lecture S3 impossible de " + cle + " : " + e.getMessage(), e);
    }
  }

  private InputStream lire(String sha256) {
    String cle = cle(sha256);
    return new LectureVerifiee(s3.getObject(b -> b.bucket(seau).key(cle)), sha256, cle);
  }

  @Override
  public int supprimerTemporaires(Instant avant) throws IOException {
    return ReceptionTemporaire.supprimerAnciens(temporaire, avant);
  }

  /** Lists the bucket by pages of 1,000 keys, leaving aside the trash and any foreign key. */
  @Override
  public void parcourir(Instant avant, Consumer<String> sha256) throws IOException {
    lister("", avant, sha256);
  }

  @Override
  public void parcourirCorbeille(Instant avant, Consumer<String> sha256) throws IOException {
    lister(CORBEILLE, avant, sha256);
  }

  private void lister(String prefixe, Instant avant, Consumer<String> sha256) throws IOException {
    try {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(seau).prefix(prefixe)).contents()) {
        Matcher m = CLE.matcher(o.key().substring(prefixe.length()));
        if (m.matches() && o.lastModified() != null && o.lastModified().isBefore(avant)) {
          sha256.accept(m.group(1));
        }
      }
    } catch (SdkException e) {
      throw new IOException("Liste du seau " + seau + " impossible : " + e.getMessage(), e);
    }
  }

  /**
   * A server-side copy (dated by S3 with the moment of the copy, which the trash's age is), then
   * the deletion of the original: a stop in between leaves both, and the next pass moves it again.
   */
  @Override
  public void mettreEnCorbeille(String sha256) throws IOException {
    deplacer(cle(sha256), CORBEILLE + cle(sha256));
  }

  @Override
  public void restaurer(String sha256) throws IOException {
    deplacer(CORBEILLE + cle(sha256), cle(sha256));
  }

  private void deplacer(String depuis, String vers) throws IOException {
    try {
      s3.copyObject(
          b ->
              b.sourceBucket(seau)
                  .sourceKey(depuis)
                  .destinationBucket(seau)
                  .destinationKey(vers)
                  .metadataDirective(MetadataDirective.COPY));
    } catch (NoSuchKeyException e) {
      return; // already moved
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return;
      }
      throw new IOException("Copie S3 impossible de " + depuis + " : " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("Copie S3 impossible de " + depuis + " : " + e.getMessage(), e);
    }
    supprimer(depuis);
  }

  @Override
  public void supprimerDeCorbeille(String sha256) throws IOException {
    supprimer(CORBEILLE + cle(sha256));
  }

  private void supprimer(String cle) throws IOException {
    try {
      s3.deleteObject(b -> b.bucket(seau).key(cle));
    } catch (SdkException e) {
      throw new IOException("Suppression S3 impossible de " + cle + " : " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }

  private final class Envoi extends ReceptionTemporaire {

    Envoi(Contenu contenu) {
      super(contenu);
    }

    @Override
    protected void ranger(Contenu contenu) throws IOException {
      String cle = cle(contenu.empreinte().sha256());
      try {
        Optional<HeadObjectResponse> deja = tete(cle);
        if (deja.isPresent() && conforme(deja.get(), contenu)) {
          return; // same bytes already kept: content addressing
        }
        deja.ifPresent(
            d ->
                LOG.warning(
                    () ->
                        "Objet "
                            + cle
                            + " présent mais différent de son adresse ("
                            + d.contentLength()
                            + " octets) : réécrit"));
        if (contenu.taille() <= taillePartie) {
          envoyerEnUneFois(cle, contenu);
        } else {
          envoyerParParties(cle, contenu);
        }
        HeadObjectResponse apres =
            tete(cle).orElseThrow(() -> new IOException("Objet " + cle + " absent après l'envoi"));
        if (!conforme(apres, contenu)) {
          throw new IOException(
              "Objet " + cle + " différent après l'envoi : stockage S3 défaillant");
        }
      } catch (SdkException e) {
        throw new IOException("Stockage S3 impossible de " + cle + " : " + e.getMessage(), e);
      }
    }
  }

  private Optional<HeadObjectResponse> tete(String cle) {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(seau).key(cle)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static boolean conforme(HeadObjectResponse objet, ReceptionTemporaire.Contenu contenu) {
    return objet.contentLength() != null
        && objet.contentLength() == contenu.taille()
        && contenu.empreinte().sha256().equals(objet.metadata().get(META_SHA256));
  }

  private static Map<String, String> metadonnees(ReceptionTemporaire.Contenu contenu) {
    return Map.of(
        META_SHA256, contenu.empreinte().sha256(), META_SHA512, contenu.empreinte().sha512());
  }

  private void envoyerEnUneFois(String cle, ReceptionTemporaire.Contenu contenu)
      throws IOException {
    Sommes sommes = sommes(contenu.fichier(), 0, contenu.taille(), false);
    String sha256 = base64(HexFormat.of().parseHex(contenu.empreinte().sha256()));
    PutObjectRequest.Builder requete =
        PutObjectRequest.builder()
            .bucket(seau)
            .key(cle)
            .contentType(TYPE)
            .contentLength(contenu.taille())
            .contentMD5(sommes.md5())
            .metadata(metadonnees(contenu));
    if (sommeSha256) {
      requete.checksumSHA256(sha256);
    }
    PutObjectResponse reponse =
        s3.putObject(
            requete.build(),
            RequestBody.fromContentProvider(
                () -> troncon(contenu.fichier(), 0, contenu.taille()), contenu.taille(), TYPE));
    if (sommeSha256
        && reponse.checksumSHA256() != null
        && !sha256.equals(reponse.checksumSHA256())) {
      throw new IOException("Somme SHA-256 rendue par S3 différente pour " + cle);
    }
  }

  private void envoyerParParties(String cle, ReceptionTemporaire.Contenu contenu)
      throws IOException {
    String id =
        s3.createMultipartUpload(
                b -> {
                  b.bucket(seau).key(cle).contentType(TYPE).metadata(metadonnees(contenu));
                  if (sommeSha256) {
                    b.checksumAlgorithm(ChecksumAlgorithm.SHA256);
                  }
                })
            .uploadId();
    boolean fini = false;
    try {
      List<CompletedPart> parties = new ArrayList<>();
      int numero = 1;
      for (long debut = 0; debut < contenu.taille(); debut += taillePartie, numero++) {
        long longueur = Math.min(taillePartie, contenu.taille() - debut);
        Sommes sommes = sommes(contenu.fichier(), debut, longueur, sommeSha256);
        UploadPartRequest.Builder requete =
            UploadPartRequest.builder()
                .bucket(seau)
                .key(cle)
                .uploadId(id)
                .partNumber(numero)
                .contentLength(longueur)
                .contentMD5(sommes.md5());
        if (sommeSha256) {
          requete.checksumSHA256(sommes.sha256());
        }
        long depart = debut;
        String etag =
            s3.uploadPart(
                    requete.build(),
                    RequestBody.fromContentProvider(
                        () -> troncon(contenu.fichier(), depart, longueur), longueur, TYPE))
                .eTag();
        CompletedPart.Builder partie = CompletedPart.builder().partNumber(numero).eTag(etag);
        if (sommeSha256) {
          partie.checksumSHA256(sommes.sha256());
        }
        parties.add(partie.build());
      }
      s3.completeMultipartUpload(
          b -> b.bucket(seau).key(cle).uploadId(id).multipartUpload(m -> m.parts(parties)));
      fini = true;
    } finally {
      if (!fini) {
        abandonner(cle, id);
      }
    }
  }

  /**
   * Parts of an abandoned upload are billed until aborted (and a lifecycle rule catches the rest).
   */
  private void abandonner(String cle, String id) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(seau).key(cle).uploadId(id));
    } catch (SdkException e) {
      LOG.log(Level.WARNING, "Envoi multipart " + id + " de " + cle + " non abandonné", e);
    }
  }

  private record Sommes(String md5, String sha256) {}

  /**
   * MD5 (for Content-MD5, which every S3-compatible server checks) and optionally SHA-256 of a
   * range of the local file, read once before the upload from the page cache.
   */
  private static Sommes sommes(Path fichier, long debut, long longueur, boolean avecSha256)
      throws IOException {
    MessageDigest md5 = ReceptionTemporaire.digest("MD5");
    MessageDigest sha256 = avecSha256 ? ReceptionTemporaire.digest("SHA-256") : null;
    try (InputStream in = troncon(fichier, debut, longueur)) {
      byte[] tampon = new byte[64 * 1024];
      int n;
      while ((n = in.read(tampon)) != -1) {
        md5.update(tampon, 0, n);
        if (sha256 != null) {
          sha256.update(tampon, 0, n);
        }
      }
    }
    return new Sommes(base64(md5.digest()), sha256 == null ? null : base64(sha256.digest()));
  }

  /**
   * A fresh stream over {@code [debut, debut+longueur)} of the file: the SDK may retry a request.
   */
  private static InputStream troncon(Path fichier, long debut, long longueur) {
    try {
      FileChannel canal = FileChannel.open(fichier, StandardOpenOption.READ).position(debut);
      return new TronconBorne(Channels.newInputStream(canal), longueur);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String base64(byte[] octets) {
    return Base64.getEncoder().encodeToString(octets);
  }
}
