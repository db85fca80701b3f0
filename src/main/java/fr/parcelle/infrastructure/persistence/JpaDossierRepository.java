package fr.parcelle.infrastructure.persistence;

import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Dossiers in PostgreSQL through JPA (EclipseLink). */
@ApplicationScoped
public class JpaDossierRepository implements DossierRepository {

  @PersistenceContext(unitName = "parcelle")
  private EntityManager em;

  @Override
  public void ajouter(Dossier dossier) {
    em.persist(dossier);
  }

  @Override
  public Optional<Dossier> parId(UUID id) {
    return Optional.ofNullable(em.find(Dossier.class, id));
  }

  @Override
  public Optional<Dossier> parNumero(NumeroDossier numero) {
    return em.createQuery("select d from Dossier d where d.numero.valeur = :numero", Dossier.class)
        .setParameter("numero", numero.valeur())
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Dossier> duDepositaire(String login) {
    return em.createQuery(
            "select d from Dossier d where d.depositaire = :login order by d.creeLe desc",
            Dossier.class)
        .setParameter("login", login)
        .setMaxResults(500)
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
}
