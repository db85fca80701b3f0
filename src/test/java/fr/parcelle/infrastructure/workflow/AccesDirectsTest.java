package fr.parcelle.infrastructure.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.support.MoteurDeTest;
import java.lang.reflect.InvocationTargetException;
import java.util.Date;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.Reflector;
import org.apache.ibatis.reflection.invoker.Invoker;
import org.apache.ibatis.reflection.invoker.MethodInvoker;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;

class AccesDirectsTest {

  /** A bean as MyBatis sees the engine's entities: public getters and setters, some primitive. */
  public static final class Ligne {
    private String nom;
    private int revision;
    private boolean suspendue;
    private String cache = "caché";

    public String getNom() {
      return nom;
    }

    public void setNom(String nom) {
      this.nom = nom;
    }

    public int getRevision() {
      return revision;
    }

    public void setRevision(int revision) {
      if (revision < 0) {
        throw new IllegalArgumentException("révision négative");
      }
      this.revision = revision;
    }

    public boolean isSuspendue() {
      return suspendue;
    }

    public void setSuspendue(boolean suspendue) {
      this.suspendue = suspendue;
    }

    String getCache() {
      return cache;
    }
  }

  private final Reflector reflecteur = new AccesDirects().findForClass(Ligne.class);

  @Test
  void les_accesseurs_publics_sont_appeles_directement() throws Exception {
    Ligne ligne = new Ligne();

    for (String p : new String[] {"nom", "revision", "suspendue"}) {
      assertThat(reflecteur.getGetInvoker(p)).as(p).isNotInstanceOf(MethodInvoker.class);
      assertThat(reflecteur.getSetInvoker(p)).as(p).isNotInstanceOf(MethodInvoker.class);
    }
    reflecteur.getSetInvoker("nom").invoke(ligne, new Object[] {"PC 035 352 26 00001"});
    reflecteur.getSetInvoker("revision").invoke(ligne, new Object[] {3});
    reflecteur.getSetInvoker("suspendue").invoke(ligne, new Object[] {true});

    assertThat(ligne.getNom()).isEqualTo("PC 035 352 26 00001");
    assertThat(reflecteur.getGetInvoker("nom").invoke(ligne, null))
        .isEqualTo("PC 035 352 26 00001");
    assertThat(reflecteur.getGetInvoker("revision").invoke(ligne, null)).isEqualTo(3);
    assertThat(reflecteur.getGetInvoker("suspendue").invoke(ligne, null)).isEqualTo(true);
    assertThat(reflecteur.getGetInvoker("revision").getType()).isEqualTo(int.class);
    assertThat(reflecteur.getSetInvoker("nom").getType()).isEqualTo(String.class);
  }

  @Test
  void ce_qui_n_est_pas_public_reste_a_mybatis() throws Exception {
    // A package-private getter: MyBatis' own invoker, which still reads it.
    Invoker cache = reflecteur.getGetInvoker("cache");

    assertThat(cache).isInstanceOf(MethodInvoker.class);
    assertThat(cache.invoke(new Ligne(), null)).isEqualTo("caché");
  }

  @Test
  void les_erreurs_arrivent_comme_par_reflexion() {
    assertThatThrownBy(
            () -> reflecteur.getSetInvoker("revision").invoke(new Ligne(), new Object[] {-1}))
        .isInstanceOf(InvocationTargetException.class)
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("révision négative");
    assertThatThrownBy(() -> reflecteur.getGetInvoker("inconnue"))
        .isInstanceOf(ReflectionException.class)
        .hasMessageContaining("There is no getter for property named 'inconnue'");
  }

  @Test
  void mybatis_lit_et_remplit_une_entite_du_moteur() {
    Configuration configuration = new Configuration();
    configuration.setReflectorFactory(new AccesDirects());
    TaskEntity tache = new TaskEntity();
    MetaObject meta = configuration.newMetaObject(tache);
    Date echeance = new Date(1_800_000_000_000L);

    meta.setValue("name", "Vérifier la complétude du dossier");
    meta.setValue("dueDate", echeance);
    meta.setValue("priority", 75);

    assertThat(tache.getName()).isEqualTo("Vérifier la complétude du dossier");
    assertThat(tache.getDueDate()).isEqualTo(echeance);
    assertThat(meta.getValue("priority")).isEqualTo(75);
    assertThat(
            configuration
                .getReflectorFactory()
                .findForClass(TaskEntity.class)
                .getGetInvoker("name"))
        .isNotInstanceOf(MethodInvoker.class);
  }

  @Test
  void le_moteur_s_en_sert() {
    ProcessEngineConfigurationImpl c =
        (ProcessEngineConfigurationImpl) MoteurDeTest.moteur().getProcessEngineConfiguration();

    assertThat(c.getSqlSessionFactory().getConfiguration().getReflectorFactory())
        .isInstanceOf(AccesDirects.class);
  }
}
