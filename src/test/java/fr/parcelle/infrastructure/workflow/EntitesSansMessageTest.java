package fr.parcelle.infrastructure.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.support.MoteurDeTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.junit.jupiter.api.Test;

class EntitesSansMessageTest {

  /** An entity that counts how many times it is described. */
  static final class Entite implements DbEntity {
    final AtomicInteger descriptions = new AtomicInteger();
    String id;

    Entite(String id) {
      this.id = id;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public void setId(String id) {
      this.id = id;
    }

    @Override
    public Object getPersistentState() {
      return id;
    }

    @Override
    public String toString() {
      descriptions.incrementAndGet();
      return "Entite[" + id + "]";
    }
  }

  @Test
  void une_insertion_ne_decrit_pas_l_entite() {
    Entite sansId = new Entite(null);
    Entite avecId = new Entite("4d1c3f0e-0000-4000-8000-000000000001");

    new EntitesSansMessage(new StrongUuidGenerator(), null).insert(sansId);
    new EntitesSansMessage(new StrongUuidGenerator(), null).insert(avecId);

    assertThat(sansId.getId()).as("l'identifiant est attribué comme avant").isNotBlank();
    assertThat(sansId.descriptions).hasValue(0);
    assertThat(avecId.descriptions).hasValue(0);
    // Camunda's own manager describes each entity it inserts: what this class saves.
    Entite chezCamunda = new Entite("4d1c3f0e-0000-4000-8000-000000000002");
    new DbEntityManager(new StrongUuidGenerator(), null).insert(chezCamunda);
    assertThat(chezCamunda.descriptions).hasValue(1);
  }

  @Test
  void un_identifiant_etoile_est_refuse_avec_le_message_de_camunda() {
    String attendu =
        messageDe(() -> new DbEntityManager(new StrongUuidGenerator(), null).insert(etoile()));

    assertThatThrownBy(
            () -> new EntitesSansMessage(new StrongUuidGenerator(), null).insert(etoile()))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessage(attendu)
        .hasMessageContaining("Entite[*]")
        .hasMessageContaining("* is a reserved identifier");
  }

  @Test
  void le_moteur_ouvre_ce_gestionnaire() {
    ProcessEngineConfigurationImpl c =
        (ProcessEngineConfigurationImpl) MoteurDeTest.moteur().getProcessEngineConfiguration();

    Class<?> ouvert =
        c.getCommandExecutorTxRequired().execute(ctx -> ctx.getDbEntityManager()).getClass();

    assertThat(ouvert).isEqualTo(EntitesSansMessage.class);
  }

  private static Entite etoile() {
    return new Entite("*");
  }

  private static String messageDe(Runnable action) {
    try {
      action.run();
    } catch (ProcessEngineException e) {
      return e.getMessage();
    }
    throw new AssertionError("Camunda accepte l'identifiant *");
  }
}
