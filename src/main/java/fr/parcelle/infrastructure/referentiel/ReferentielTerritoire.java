package fr.parcelle.infrastructure.referentiel;

import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.domain.model.territoire.Territoire;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The territory served, read from {@code referentiel/services-instructeurs.csv} and {@code
 * referentiel/communes.csv} (semicolon-separated, '#' comments, header line).
 */
@ApplicationScoped
public class ReferentielTerritoire implements Territoire {

  private Map<String, ServiceInstructeur> services = Map.of();
  private Map<String, Commune> communes = Map.of();

  /**
   * Reads the reference files; called by CDI at start-up (public for tests outside the container).
   */
  @PostConstruct
  public void charger() {
    Map<String, ServiceInstructeur> s = new LinkedHashMap<>();
    for (String[] l : lignes("referentiel/services-instructeurs.csv", 4)) {
      Character prefixe = l[3].isBlank() ? null : l[3].strip().charAt(0);
      s.put(l[0], new ServiceInstructeur(l[0], l[1], l[2], prefixe));
    }
    Map<String, Commune> c = new LinkedHashMap<>();
    for (String[] l : lignes("referentiel/communes.csv", 4)) {
      if (!s.containsKey(l[3])) {
        throw new IllegalStateException("Commune " + l[0] + " : service inconnu " + l[3]);
      }
      c.put(l[0], new Commune(l[0], l[1], l[2], l[3]));
    }
    services = Collections.unmodifiableMap(s);
    communes = Collections.unmodifiableMap(c);
  }

  @Override
  public Optional<Commune> commune(String insee) {
    return Optional.ofNullable(insee).map(communes::get);
  }

  @Override
  public Optional<ServiceInstructeur> service(String code) {
    return Optional.ofNullable(code).map(services::get);
  }

  @Override
  public Collection<Commune> communes() {
    return communes.values();
  }

  static List<String[]> lignes(String ressource, int colonnes) {
    InputStream in = ReferentielTerritoire.class.getClassLoader().getResourceAsStream(ressource);
    if (in == null) {
      throw new IllegalStateException("Référentiel introuvable : " + ressource);
    }
    List<String[]> resultat = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
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
}
