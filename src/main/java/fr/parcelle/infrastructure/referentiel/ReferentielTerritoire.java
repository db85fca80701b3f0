package fr.parcelle.infrastructure.referentiel;

import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.domain.model.territoire.Territoire;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
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
  private java.util.List<fr.parcelle.domain.model.territoire.AutoriteCompetente> autorites =
      java.util.List.of();

  /**
   * Reads the reference files; called by CDI at start-up (public for tests outside the container).
   */
  @PostConstruct
  public void charger() {
    Map<String, ServiceInstructeur> s = new LinkedHashMap<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/services-instructeurs.csv", 7)) {
      Character prefixe = l[3].isBlank() ? null : l[3].charAt(0);
      s.put(l[0], new ServiceInstructeur(l[0], l[1], l[2], prefixe, l[4], l[5], l[6]));
    }
    Map<String, Commune> c = new LinkedHashMap<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/communes.csv", 4)) {
      if (!s.containsKey(l[3])) {
        throw new IllegalStateException("Commune " + l[0] + " : service inconnu " + l[3]);
      }
      c.put(l[0], new Commune(l[0], l[1], l[2], l[3]));
    }
    java.util.List<fr.parcelle.domain.model.territoire.AutoriteCompetente> a =
        new java.util.ArrayList<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/autorites-competentes.csv", 4)) {
      if (!c.containsKey(l[0])) {
        throw new IllegalStateException("autorites-competentes.csv : commune inconnue " + l[0]);
      }
      a.add(
          new fr.parcelle.domain.model.territoire.AutoriteCompetente(
              l[0], l[1], l[2], l[3].isBlank() ? null : l[3]));
    }
    autorites = java.util.List.copyOf(a);
    services = Collections.unmodifiableMap(s);
    communes = Collections.unmodifiableMap(c);
  }

  @Override
  public Optional<Commune> commune(String insee) {
    return Optional.ofNullable(insee).map(communes::get);
  }

  @Override
  public Optional<fr.parcelle.domain.model.territoire.AutoriteCompetente> autoriteCompetente(
      String insee, String login) {
    return autorites.stream()
        .filter(x -> x.insee().equals(insee) && x.login().equals(login))
        .findFirst();
  }

  @Override
  public Optional<ServiceInstructeur> service(String code) {
    return Optional.ofNullable(code).map(services::get);
  }

  @Override
  public Collection<Commune> communes() {
    return communes.values();
  }
}
