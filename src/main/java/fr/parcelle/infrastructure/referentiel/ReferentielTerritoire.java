package fr.parcelle.infrastructure.referentiel;

import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.SecteurInstruction;
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
 * The territory served, read from {@code referentiel/services-instructeurs.csv}, {@code
 * referentiel/communes.csv} and {@code referentiel/secteurs-instructeurs.csv} (semicolon-separated,
 * '#' comments, header line).
 */
@ApplicationScoped
public class ReferentielTerritoire implements Territoire {

  private Map<String, ServiceInstructeur> services = Map.of();
  private Map<String, Commune> communes = Map.of();
  private java.util.List<SecteurInstruction> secteurs = java.util.List.of();
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
    secteurs(FichierReferentiel.lignes("referentiel/secteurs-instructeurs.csv", 4));
  }

  /**
   * The sectors, one line each ({@code service;groupe;nom;communes}, communes separated by spaces).
   * A sector's group is named after its service's ({@code instructeurs-rennes-metropole-…}) so that
   * it reads as an instructors' group; a commune belongs to at most one sector, of its own service.
   */
  void secteurs(java.util.List<String[]> lignes) {
    java.util.List<SecteurInstruction> liste = new java.util.ArrayList<>();
    java.util.Set<String> sectorisees = new java.util.HashSet<>();
    java.util.Set<String> groupes = new java.util.HashSet<>();
    for (String[] l : lignes) {
      ServiceInstructeur service =
          service(l[0])
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "secteurs-instructeurs.csv : service inconnu " + l[0]));
      boolean groupeDeService =
          services.values().stream().anyMatch(x -> x.groupeInstructeurs().equals(l[1]));
      if (!l[1].startsWith(service.groupeInstructeurs() + "-")
          || groupeDeService
          || !groupes.add(l[1])) {
        throw new IllegalStateException(
            "secteurs-instructeurs.csv : le groupe « "
                + l[1]
                + " » doit être unique, distinct de celui d'un service, et commencer par « "
                + service.groupeInstructeurs()
                + "- »");
      }
      java.util.Set<String> membres = new java.util.LinkedHashSet<>();
      for (String insee : l[3].split("\\s+")) {
        Commune commune = communes.get(insee);
        if (commune == null || !commune.codeService().equals(service.code())) {
          throw new IllegalStateException(
              "secteurs-instructeurs.csv : " + insee + " n'est pas une commune de " + l[0]);
        }
        membres.add(insee);
      }
      for (String insee : membres) {
        if (!sectorisees.add(insee)) {
          throw new IllegalStateException(
              "secteurs-instructeurs.csv : la commune " + insee + " est dans deux secteurs");
        }
      }
      liste.add(new SecteurInstruction(l[1], l[2], l[0], membres));
    }
    secteurs = java.util.List.copyOf(liste);
  }

  @Override
  public Collection<SecteurInstruction> secteurs() {
    return secteurs;
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
