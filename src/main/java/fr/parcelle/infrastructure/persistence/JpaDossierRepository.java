package fr.parcelle.infrastructure.persistence;

import fr.parcelle.domain.model.dossier.ApercuDossier;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NatureDemande;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.StatutDossier;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.infrastructure.journal.ActeurDeTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Dossiers in PostgreSQL through JPA (EclipseLink). */
@ApplicationScoped
public class JpaDossierRepository implements DossierRepository {

  private static final int MAX_DOSSIERS_UTILISATEUR = 500;

  /** A find answered from the persistence context only: null when the dossier is not in it. */
  private static final Map<String, Object> CACHE_SEUL =
      Map.of("eclipselink.cache-usage", "CheckCacheOnly");

  @PersistenceContext(unitName = "parcelle")
  private EntityManager em;

  // Every change of a dossier starts with one of the locking reads below: there the transaction
  // learns who acts, for the journal entries its legal events get at commit (migration V10), in the
  // statement that takes the lock.
  @Inject private ActeurDeTransaction acteur;

  @Override
  public void ajouter(Dossier dossier) {
    em.persist(dossier);
  }

  @Override
  public Optional<Dossier> parId(UUID id) {
    return Optional.ofNullable(em.find(Dossier.class, id));
  }

  @Override
  public Optional<Dossier> parIdPourModification(UUID id) {
    return verrouiller("id", id);
  }

  /**
   * Locks the dossier's row, then reads the dossier after the lock.
   *
   * <p>A JPA locking find is a refresh for EclipseLink, and that refresh reads the eight lists of
   * the dossier (the element collections and the privately owned entities) whatever the caller
   * needs: twelve times per deposit with ten single uploads (issue 8). The lock is therefore taken
   * by a native {@code SELECT … FOR UPDATE}, and the dossier is then read as usual, its lists when
   * first used. Every read after the lock sees what the transactions before it committed, since
   * dossiers are not in the shared cache ({@code ENABLE_SELECTIVE}, no {@code @Cacheable}).
   *
   * <p>A dossier this transaction had already read (a task listener reads it before changing it)
   * may be older than the lock: that one is refreshed with its lists, as the locking find did.
   */
  private Optional<Dossier> verrouiller(String colonne, Object valeur) {
    // A dossier created earlier in this transaction must reach the database before it can be locked
    // there.
    em.flush();
    // The same statement tells the database who acts (ActeurDeTransaction): one round trip.
    @SuppressWarnings("unchecked")
    List<Object[]> lignes =
        em.createNativeQuery(
                "select id, set_config('parcelle.acteur', ?2, true) from dossier where "
                    + colonne
                    + " = ?1 for update")
            .setParameter(1, valeur)
            .setParameter(2, acteur.acteur())
            .getResultList();
    if (lignes.isEmpty()) {
      return Optional.empty();
    }
    UUID id = (UUID) lignes.get(0)[0];
    Dossier dejaLu = em.find(Dossier.class, id, CACHE_SEUL);
    if (dejaLu != null) {
      em.refresh(dejaLu);
      return Optional.of(dejaLu);
    }
    return Optional.ofNullable(em.find(Dossier.class, id));
  }

  @Override
  public Optional<ApercuDossier> apercu(UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> lignes =
        em.createNativeQuery(
                "select d.type, d.statut, d.depositaire,"
                    + " coalesce((select string_agg(c.code, E'\\n') from dossier_contrainte c where c.dossier_id = d.id), ''),"
                    + " coalesce((select string_agg(lower(m.email), E'\\n') from dossier_demandeur m"
                    + " where m.dossier_id = d.id and m.email is not null), '')"
                    + " from dossier d where d.id = ?1")
            .setParameter(1, id)
            .getResultList();
    return lignes.stream()
        .findFirst()
        .map(
            l ->
                new ApercuDossier(
                    TypeDossier.valueOf((String) l[0]),
                    StatutDossier.valueOf((String) l[1]),
                    (String) l[2],
                    lignes((String) l[3]),
                    lignes((String) l[4])));
  }

  private static Set<String> lignes(String texte) {
    return texte.isEmpty() ? Set.of() : new java.util.HashSet<>(List.of(texte.split("\n")));
  }

  @Override
  public Optional<Dossier> parNumero(NumeroDossier numero) {
    return em.createQuery("select d from Dossier d where d.numero.valeur = :numero", Dossier.class)
        .setParameter("numero", numero.valeur())
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<Dossier> parCleIdempotence(String depositaire, String cle) {
    return em.createQuery(
            "select d from Dossier d where d.depositaire = :depositaire and d.cleIdempotence = :cle",
            Dossier.class)
        .setParameter("depositaire", depositaire)
        .setParameter("cle", cle)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Dossier> deLUtilisateur(String login, String email) {
    // Two queries, each on its own index (dossier.depositaire; lower(email) of the demandeurs),
    // merged here. Written as one "depositaire = ? or exists (…)" query, PostgreSQL read every
    // dossier: 290 ms with 1,000,000 dossiers (BancRequetes), against under a millisecond now.
    Map<UUID, Dossier> trouves = new LinkedHashMap<>();
    em.createQuery(
            "select d from Dossier d where d.depositaire = :login order by d.creeLe desc",
            Dossier.class)
        .setParameter("login", login)
        .setMaxResults(MAX_DOSSIERS_UTILISATEUR)
        .getResultList()
        .forEach(d -> trouves.put(d.id(), d));
    if (email != null && !email.isBlank()) {
      em.createQuery(
              "select distinct d from Dossier d join d.demandeurs m where lower(m.email) = :email"
                  + " order by d.creeLe desc",
              Dossier.class)
          .setParameter("email", email.toLowerCase(Locale.ROOT))
          .setMaxResults(MAX_DOSSIERS_UTILISATEUR)
          .getResultList()
          .forEach(d -> trouves.putIfAbsent(d.id(), d));
    }
    return trouves.values().stream()
        .sorted(Comparator.comparing(Dossier::creeLe).reversed())
        .limit(MAX_DOSSIERS_UTILISATEUR)
        .toList();
  }

  @Override
  public Optional<Dossier> parNumeroPourModification(NumeroDossier numero) {
    return verrouiller("numero", numero.valeur());
  }

  @Override
  public List<Dossier> registre(String communeInsee, int premier, int nombre) {
    return em.createQuery(
            "select d from Dossier d where d.communeInsee = :insee and d.dateAvisDepot is not null"
                + " order by d.dateAvisDepot desc, d.numero.valeur desc",
            Dossier.class)
        .setParameter("insee", communeInsee)
        .setFirstResult(premier)
        .setMaxResults(nombre)
        .getResultList();
  }

  @Override
  public int prochainRang(String nature, String communeInsee, int annee) {
    Object rang =
        em.createNativeQuery(
                "INSERT INTO sequence_numero (nature, commune_insee, annee, dernier) VALUES (?1, ?2, ?3, 1)"
                    + " ON CONFLICT (nature, commune_insee, annee)"
                    + " DO UPDATE SET dernier = sequence_numero.dernier + 1 RETURNING dernier")
            .setParameter(1, nature)
            .setParameter(2, communeInsee)
            .setParameter(3, (short) annee)
            .getSingleResult();
    return ((Number) rang).intValue();
  }

  @Override
  public int prochainRangDerive(NumeroDossier autorisation, NatureDemande nature) {
    Number n =
        (Number)
            em.createNativeQuery(
                    "select count(*) from dossier where numero_autorisation = ?1 and nature_demande = ?2"
                        + " and numero is not null")
                .setParameter(1, autorisation.valeur())
                .setParameter(2, nature.name())
                .getSingleResult();
    return n.intValue() + 1;
  }
}
