package fr.parcelle.infrastructure.signature;

import fr.parcelle.domain.port.SignatureImpossibleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The signers' PKCS#12 keystores: {@code <répertoire>/<login>.p12}, opened with the password of the
 * environment variable {@code PARCELLE_SIGNATURE_PASSWORD_<LOGIN>} (secrets never come from a
 * file), or in demo mode only with the demo password.
 */
final class Trousseaux {

  static final String PREFIXE_VARIABLE = "PARCELLE_SIGNATURE_PASSWORD_";

  /** The password of the demo keystores, used only when demo mode is on and none is set. */
  static final String MOT_DE_PASSE_DEMO = "parcelle-demo-signature";

  /** A signer's private key and certificate chain, the signer's certificate first. */
  record Cle(PrivateKey cle, List<X509Certificate> chaine) {
    X509Certificate certificat() {
      return chaine.get(0);
    }
  }

  private final Path repertoire;
  private final boolean demo;
  private final Function<String, String> environnement;

  Trousseaux(Path repertoire, boolean demo, Function<String, String> environnement) {
    this.repertoire = repertoire;
    this.demo = demo;
    this.environnement = environnement;
  }

  Path repertoire() {
    return repertoire;
  }

  Path fichier(String login) {
    return repertoire.resolve(login + ".p12");
  }

  /** {@code PARCELLE_SIGNATURE_PASSWORD_MAIRE} for "maire"; any other character becomes "_". */
  static String variable(String login) {
    return PREFIXE_VARIABLE + login.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** The keystore password of {@code login}: the environment's, else in demo mode the demo one. */
  char[] motDePasse(String login) {
    String valeur = environnement.apply(variable(login));
    if (valeur != null && !valeur.isEmpty()) {
      return valeur.toCharArray();
    }
    if (demo) {
      return MOT_DE_PASSE_DEMO.toCharArray();
    }
    throw new SignatureImpossibleException(
        "Mot de passe du certificat de signature de « "
            + login
            + " » absent : définir la variable d'environnement "
            + variable(login)
            + ".");
  }

  Cle ouvrir(String login) {
    Path fichier = fichier(login);
    char[] motDePasse = motDePasse(login);
    try (InputStream in = Files.newInputStream(fichier)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, motDePasse);
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          PrivateKey cle = (PrivateKey) ks.getKey(alias, motDePasse);
          List<X509Certificate> chaine = new ArrayList<>();
          for (Certificate c : ks.getCertificateChain(alias)) {
            chaine.add((X509Certificate) c);
          }
          return new Cle(cle, List.copyOf(chaine));
        }
      }
      throw new SignatureImpossibleException(
          "Le trousseau " + fichier + " ne contient aucune clé de signature.");
    } catch (NoSuchFileException e) {
      throw new SignatureImpossibleException(
          "Aucun certificat de signature pour « " + login + " » : " + fichier + " est absent.", e);
    } catch (IOException | GeneralSecurityException e) {
      throw new SignatureImpossibleException(
          "Le trousseau de signature de « "
              + login
              + " » ne s'ouvre pas (mot de passe erroné ou fichier abîmé).",
          e);
    }
  }
}
