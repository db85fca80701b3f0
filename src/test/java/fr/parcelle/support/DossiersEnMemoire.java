package fr.parcelle.support;

import fr.parcelle.domain.model.dossier.ApercuDossier;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NatureDemande;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The dossier repository in memory, for tests of the use cases without a database. */
public class DossiersEnMemoire implements DossierRepository {
  public final Map<UUID, Dossier> parId = new HashMap<>();
  public final Map<String, Integer> sequences = new HashMap<>();

  @Override
  public void ajouter(Dossier dossier) {
    parId.put(dossier.id(), dossier);
  }

  @Override
  public Optional<Dossier> parId(UUID id) {
    return Optional.ofNullable(parId.get(id));
  }

  @Override
  public Optional<Dossier> parIdPourModification(UUID id) {
    return parId(id);
  }

  @Override
  public Optional<ApercuDossier> apercu(UUID id) {
    return parId(id).map(ApercuDossier::de);
  }

  @Override
  public Optional<Dossier> parNumero(NumeroDossier numero) {
    return parId.values().stream().filter(d -> d.numero().equals(Optional.of(numero))).findFirst();
  }

  @Override
  public Optional<Dossier> parCleIdempotence(String depositaire, String cle) {
    return parId.values().stream()
        .filter(
            d -> d.depositaire().equals(depositaire) && d.cleIdempotence().equals(Optional.of(cle)))
        .findFirst();
  }

  @Override
  public List<Dossier> deLUtilisateur(String login, String email) {
    return parId.values().stream()
        .filter(d -> d.depositaire().equals(login) || d.nomme(email))
        .sorted(Comparator.comparing(Dossier::creeLe).reversed())
        .toList();
  }

  @Override
  public Optional<Dossier> parNumeroPourModification(NumeroDossier numero) {
    return parNumero(numero);
  }

  @Override
  public List<Dossier> registre(String communeInsee, int premier, int nombre) {
    return parId.values().stream()
        .filter(d -> d.communeInsee().equals(communeInsee) && d.dateAvisDepot().isPresent())
        .sorted(
            Comparator.comparing((Dossier d) -> d.dateAvisDepot().orElseThrow())
                .thenComparing(d -> d.numero().orElseThrow().valeur())
                .reversed())
        .skip(premier)
        .limit(nombre)
        .toList();
  }

  @Override
  public int prochainRang(String nature, String communeInsee, int annee) {
    return sequences.merge(nature + communeInsee + annee, 1, Integer::sum);
  }

  @Override
  public int prochainRangDerive(NumeroDossier autorisation, NatureDemande nature) {
    return (int)
            parId.values().stream()
                .filter(
                    d ->
                        d.numeroAutorisation().equals(Optional.of(autorisation.valeur()))
                            && d.natureDemande() == nature
                            && d.numero().isPresent())
                .count()
        + 1;
  }
}
