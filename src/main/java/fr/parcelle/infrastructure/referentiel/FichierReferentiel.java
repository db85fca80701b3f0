package fr.parcelle.infrastructure.referentiel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads the reference files: semicolon-separated, UTF-8, '#' comments, one header line. */
final class FichierReferentiel {

  private FichierReferentiel() {}

  static List<String[]> lignes(String ressource, int colonnes) {
    List<String[]> resultat = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(ouvrir(ressource), StandardCharsets.UTF_8))) {
      boolean entete = true;
      String ligne;
      while ((ligne = r.readLine()) != null) {
        if (ligne.isBlank() || ligne.startsWith("#")) {
          continue;
        }
        if (entete) {
          entete = false;
          continue;
        }
        String[] champs = ligne.split(";", -1);
        if (champs.length != colonnes) {
          throw new IllegalStateException(ressource + " : ligne mal formée « " + ligne + " »");
        }
        for (int i = 0; i < champs.length; i++) {
          champs[i] = champs[i].strip();
        }
        resultat.add(champs);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return resultat;
  }

  static Properties proprietes(String ressource) {
    Properties p = new Properties();
    try (InputStreamReader r = new InputStreamReader(ouvrir(ressource), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static InputStream ouvrir(String ressource) {
    InputStream in = FichierReferentiel.class.getClassLoader().getResourceAsStream(ressource);
    if (in == null) {
      throw new IllegalStateException("Référentiel introuvable : " + ressource);
    }
    return in;
  }
}
