package fr.parcelle.infrastructure.platau;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.parcelle.domain.port.ControleDeLegalite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The transmission to the préfet written as PLAT'AU carries an act: one exchange per act, a JSON
 * message (dossier, commune, nature and date of the act) listing each document with its media type,
 * size and SHA-512 fingerprint, and the documents themselves beside it. PLAT'AU cannot be reached
 * from here: the exchange is written to an outbox directory ({@code parcelle.platau.sortie}) that a
 * connector (or an agent) forwards; the exchange is written whole, then renamed into place.
 */
@ApplicationScoped
public class DepotPlatau implements ControleDeLegalite {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Inject
  @ConfigProperty(name = "parcelle.platau.sortie", defaultValue = "data/platau/sortie")
  String sortie;

  @Inject Clock horloge;

  /** CDI constructor. */
  public DepotPlatau() {}

  /** Outside the container. */
  public DepotPlatau(Path sortie, Clock horloge) {
    this.sortie = sortie.toString();
    this.horloge = horloge;
  }

  @Override
  public Accuse transmettre(Acte acte) {
    String identifiant = UUID.randomUUID().toString();
    Path racine = Path.of(sortie);
    Path enCours = racine.resolve("." + identifiant);
    Path echange = racine.resolve(acte.numeroDossier() + "-" + identifiant);
    LocalDate aujourdhui = LocalDate.now(horloge);
    try {
      Files.createDirectories(enCours);
      List<Map<String, Object>> pieces = new ArrayList<>();
      for (Document d : acte.documents()) {
        Files.write(enCours.resolve(d.nom()), d.contenu());
        Map<String, Object> piece = new LinkedHashMap<>();
        piece.put("nomFichier", d.nom());
        piece.put("typeMime", d.typeMedia());
        piece.put("taille", d.contenu().length);
        piece.put("empreinte", Map.of("algorithme", "SHA-512", "valeur", sha512(d.contenu())));
        pieces.add(piece);
      }
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("idEchange", identifiant);
      message.put("natureEchange", "TRANSMISSION_ACTE_CONTROLE_LEGALITE");
      message.put("numeroDossier", acte.numeroDossier());
      message.put("codeInseeCommune", acte.communeInsee());
      message.put("natureActe", acte.nature());
      message.put("dateActe", acte.dateActe().toString());
      message.put("dateTransmission", aujourdhui.toString());
      message.put("pieces", pieces);
      Files.write(enCours.resolve("message.json"), JSON.writeValueAsBytes(message));
      Files.move(enCours, echange, StandardCopyOption.ATOMIC_MOVE);
      return new Accuse(identifiant, aujourdhui);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha512(byte[] contenu) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(contenu));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
