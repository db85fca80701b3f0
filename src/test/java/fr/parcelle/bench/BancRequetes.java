package fr.parcelle.bench;

import fr.parcelle.launcher.EmbeddedDatabase;
import fr.parcelle.support.PostgresDeTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Issue 8 (e): the instructors' queries, p50/p95/p99, on a database holding a national load —
 * {@code banc.requetes.dossiers} dossiers (default 1,000,000) of which {@code
 * banc.requetes.instances} (default 250,000) are in instruction, each with its running process
 * instance.
 *
 * <p><b>Loading.</b> The dossiers are written by SQL ({@code generate_series}): 500 services
 * instructeurs, the largest (a métropole) with 2 % of the files, the others ~500 running files
 * each; French surnames, first names and street names, so that searches match as many files as they
 * would. The running instances are real: five seed instances of {@code bpmn/instruction-dau.bpmn}
 * are driven by the engine (configured as in production) to the five waiting states (completeness
 * check, waiting for pièces, instruction, consultation, signature), then every row the engine wrote
 * for a seed — executions, tasks, variables, JSON byte arrays, timers, message subscriptions,
 * identity links, per-task authorisations, audit history — is copied with new ids and the clone's
 * own dossier number, address, applicant, service group, assignee and due dates. The data directory
 * ({@code target/banc-requetes}) is kept: a second run measures at once.
 *
 * <p><b>Queries</b>, as the Tasklist sends them to the engine (authenticated instructor,
 * authorisation checks on; list of the first 15 and the count, as the Tasklist asks for both): my
 * tasks, my service's tasks, my service's tasks due within 7 days, search by dossier number
 * (business key), by address and by applicant (process variable, {@code like}, case-insensitive);
 * and the application's own: a dossier by number, an applicant's dossiers. For the largest service
 * and a typical one. Run: {@code mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=fr.parcelle.bench.BancRequetes -Dexec.classpathScope=test}.
 */
public final class BancRequetes {

  private static final String UTILISATEUR = EmbeddedDatabase.UTILISATEUR;
  private static final String GRAINE_INSTRUCTEURS = "instructeurs-graine";
  private static final String GRAINE_MAIRES = "maires-graine";
  private static final double[] PARTS = {0.40, 0.10, 0.30, 0.10, 0.10};
  private static final String[] STATUTS = {
    "DEPOSE", "INCOMPLET", "EN_INSTRUCTION", "EN_CONSULTATION", "DECISION_EN_SIGNATURE"
  };
  static final String[] NOMS = {
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefebvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefèvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Dumont",
    "Marie",
    "Lemaire",
    "Noël",
    "Meyer",
    "Dufour",
    "Meunier",
    "Brun",
    "Blanchard",
    "Giraud",
    "Joly",
    "Rivière",
    "Lucas",
    "Brunet",
    "Gaillard",
    "Barbier",
    "Arnaud",
    "Martinez",
    "Gérard",
    "Roche",
    "Renard",
    "Schmitt",
    "Roy",
    "Leroux",
    "Colin",
    "Vidal",
    "Caron",
    "Picard",
    "Roger",
    "Fabre",
    "Aubert",
    "Lemoine",
    "Renaud",
    "Dumas",
    "Lacroix",
    "Olivier",
    "Philippe",
    "Bourgeois",
    "Pierre",
    "Benoît",
    "Rey",
    "Leclerc",
    "Payet",
    "Rolland",
    "Leclercq",
    "Guillaume",
    "Lecomte"
  };
  static final String[] PRENOMS = {
    "Camille", "Claire", "Louis", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Jules", "Emma",
    "Nathan", "Inès", "Gabriel", "Sarah", "Arthur", "Jade", "Paul", "Louise", "Adam", "Alice",
    "Thomas", "Julie", "Nicolas", "Marie", "Pierre", "Anne", "Jean", "Sophie", "Michel", "Isabelle"
  };
  static final String[] VOIES = {
    "rue des Lilas",
    "avenue Jean Jaurès",
    "rue de la Paix",
    "chemin des Vignes",
    "place de l'Église",
    "rue Victor Hugo",
    "allée des Chênes",
    "impasse des Rosiers",
    "boulevard Pasteur",
    "rue du Moulin",
    "route de Nantes",
    "rue de la Gare",
    "rue des Écoles",
    "chemin du Bois",
    "rue du Château",
    "rue de Bretagne",
    "avenue de la République",
    "rue du Général de Gaulle",
    "rue des Tilleuls",
    "rue de la Mairie",
    "rue du Stade",
    "rue des Jardins",
    "rue de l'Église",
    "rue Nationale",
    "rue du Port",
    "rue des Acacias",
    "chemin de la Croix",
    "rue des Peupliers",
    "rue du Pont",
    "rue Jules Ferry",
    "rue de Paris",
    "allée des Tilleuls",
    "rue des Prés",
    "rue de la Fontaine",
    "rue du Lavoir",
    "rue des Sources",
    "rue du Four",
    "rue de Rennes",
    "rue des Forges",
    "rue de la Libération"
  };

  private BancRequetes() {}

  public static void main(String[] args) throws Exception {
    int dossiers = Integer.getInteger("banc.requetes.dossiers", 1_000_000);
    int instances = Integer.getInteger("banc.requetes.instances", 250_000);
    int repetitions = Integer.getInteger("banc.requetes.repetitions", 200);
    Path repertoire =
        Path.of(System.getProperty("banc.requetes.repertoire", "target/banc-requetes"));
    try (EmbeddedDatabase pg = EmbeddedDatabase.demarrer(repertoire, PostgresDeTest.portLibre())) {
      String url = pg.jdbcUrl();
      PostgresDeTest.migrer(url);
      ProcessEngine moteur = MoteurDeBanc.commeEnProduction(url, UTILISATEUR, "requetes", 4);
      // Closed on every way out (BancComplet runs the next parts in this JVM).
      try (Connection c = DriverManager.getConnection(url, UTILISATEUR, "")) {
        fonctions(c, instances);
        long presents = compter(c, "select count(*) from dossier");
        if (presents < dossiers) {
          charger(c, moteur, dossiers, instances);
        } else {
          System.out.printf(Locale.ROOT, "Base déjà chargée : %d dossiers.%n", presents);
        }
        etalerLesCreations(c);
        sectoriser(c);
        volumes(c);
        prechauffer(c);
        mesurer(c, moteur, instances, repetitions);
      } finally {
        moteur.close();
      }
    }
  }

  // --- loading -----------------------------------------------------------------------------

  /** SQL functions deriving a clone's data from its rank g (1 … dossiers). */
  private static void fonctions(Connection c, int instances) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "create or replace function banc_service(g int) returns int language sql immutable as"
              + " $$ select case when g % 50 = 0 then 0 else 1 + g % 499 end $$");
      s.execute(
          "create or replace function banc_insee(s int) returns text language sql immutable as"
              + " $$ select lpad(((s % 95) + 1)::text, 2, '0') || lpad((100 + s / 95)::text, 3, '0') $$");
      s.execute(
          "create or replace function banc_groupe(s int) returns text language sql immutable as"
              + " $$ select 'instructeurs-' || banc_insee(s) $$");
      s.execute(
          "create or replace function banc_numero(g int) returns text language sql immutable as $$"
              + " select case when g % 3 = 0 then 'DP' else 'PC' end || '0'"
              + " || banc_insee(banc_service(g))"
              + " || case when g <= "
              + instances
              + " then '26' else lpad((22 + g % 4)::text, 2, '0') end"
              + " || lpad((case when banc_service(g) = 0 then g / 50 else g / 499 end)::text, 5, '0') $$");
      s.execute(
          "create or replace function banc_affichage(g int) returns text language sql immutable as $$"
              + " select substr(n, 1, 2) || ' ' || substr(n, 3, 3) || ' ' || substr(n, 6, 3) || ' '"
              + " || substr(n, 9, 2) || ' ' || substr(n, 11, 5) from banc_numero(g) n $$");
      s.execute(
          "create or replace function banc_nom(g int) returns text language sql immutable as $$"
              + " select ("
              + tableau(NOMS)
              + ")[1 + abs(hashtext('nom' || g)) % "
              + NOMS.length
              + "] $$");
      s.execute(
          "create or replace function banc_prenom(g int) returns text language sql immutable as $$"
              + " select ("
              + tableau(PRENOMS)
              + ")[1 + abs(hashtext('prenom' || g)) % "
              + PRENOMS.length
              + "] $$");
      s.execute(
          "create or replace function banc_voie(g int) returns text language sql immutable as $$"
              + " select ("
              + tableau(VOIES)
              + ")[1 + abs(hashtext('voie' || g)) % "
              + VOIES.length
              + "] $$");
      s.execute(
          "create or replace function banc_adresse(g int) returns text language sql immutable as $$"
              + " select (1 + g % 150)::text || ' ' || banc_voie(g) || ', '"
              + " || banc_insee(banc_service(g)) || ' Commune-' || banc_insee(banc_service(g)) $$");
      s.execute(
          "create or replace function banc_demandeurs(g int) returns text language sql immutable as"
              + " $$ select banc_prenom(g) || ' ' || banc_nom(g) $$");
    }
  }

  private static String tableau(String[] valeurs) {
    StringBuilder b = new StringBuilder("array[");
    for (int i = 0; i < valeurs.length; i++) {
      b.append(i == 0 ? "" : ",").append('\'').append(valeurs[i].replace("'", "''")).append('\'');
    }
    return b.append("]::text[]").toString();
  }

  private static void charger(Connection c, ProcessEngine moteur, int dossiers, int instances)
      throws Exception {
    long debut = System.nanoTime();
    try (Statement s = c.createStatement()) {
      // Foreign keys and triggers are the application's; the bulk copy is checked by counts.
      s.execute("set session_replication_role = replica");
      s.execute("truncate dossier cascade");
      int[] bornes = bornes(instances);
      for (int lot = 1; lot <= dossiers; lot += 100_000) {
        int fin = Math.min(dossiers, lot + 99_999);
        s.executeUpdate(
            "insert into dossier (id, type, commune_insee, statut, numero, depositaire, cree_le,"
                + " depose_le, date_depot, version, nature_demande, adresse_numero, adresse_voie,"
                + " adresse_code_postal, adresse_commune, nature_travaux, delai_instruction_mois,"
                + " date_decision_tacite, date_avis_depot)"
                + " select md5('dossier-' || g)::uuid, case when g % 3 = 0 then 'DP' else 'PCMI' end,"
                + " banc_insee(banc_service(g)), "
                + statut(bornes)
                + ", banc_numero(g), 'demandeur-' || (g % 400000),"
                + " now() - ((g % 1400) || ' days')::interval, now() - ((g % 1400) || ' days')::interval,"
                + " (now() - ((g % 1400) || ' days')::interval)::date, 1, 'INITIALE',"
                + " (1 + g % 150)::text, banc_voie(g), banc_insee(banc_service(g)),"
                + " 'Commune-' || banc_insee(banc_service(g)), 'Construction neuve', 2,"
                + " (now() + ((g % 120) || ' days')::interval)::date,"
                + " (now() - ((g % 1400) || ' days')::interval)::date"
                + " from generate_series("
                + lot
                + ", "
                + fin
                + ") g");
        s.executeUpdate(
            "insert into dossier_demandeur (dossier_id, rang, nature, nom, prenom, email)"
                + " select md5('dossier-' || g)::uuid, 1, 'PARTICULIER', banc_nom(g), banc_prenom(g),"
                + " lower(banc_prenom(g)) || '.' || g || '@example.org'"
                + " from generate_series("
                + lot
                + ", "
                + fin
                + ") g");
        System.out.printf(Locale.ROOT, "  dossiers : %d%n", fin);
      }
      s.execute("set session_replication_role = origin");
    }
    List<String> graines = graines(moteur);
    cloner(c, graines, instances);
    try (Statement s = c.createStatement()) {
      s.execute("vacuum analyze");
    }
    System.out.printf(Locale.ROOT, "Chargement : %.0f s%n", (System.nanoTime() - debut) / 1e9);
  }

  /** Rank bounds of the five states: [bornes[e] + 1, bornes[e + 1]]. */
  private static int[] bornes(int instances) {
    int[] b = new int[PARTS.length + 1];
    for (int e = 0; e < PARTS.length; e++) {
      b[e + 1] = e == PARTS.length - 1 ? instances : b[e] + (int) Math.round(PARTS[e] * instances);
    }
    return b;
  }

  private static String statut(int[] bornes) {
    StringBuilder b = new StringBuilder("case");
    for (int e = 0; e < PARTS.length; e++) {
      b.append(" when g <= ")
          .append(bornes[e + 1])
          .append(" then '")
          .append(STATUTS[e])
          .append('\'');
    }
    return b.append(" else 'DECIDE' end").toString();
  }

  /** The five seed instances, driven by the engine to their waiting states. */
  private static List<String> graines(ProcessEngine moteur) {
    List<String> ids = new ArrayList<>();
    for (int e = 0; e < PARTS.length; e++) {
      ProcessInstance pi =
          moteur
              .getRuntimeService()
              .startProcessInstanceByKey(
                  MoteurDeBanc.PROCESSUS, "GRAINE-" + e, variablesDeDepart(e));
      String id = pi.getId();
      jobs(moteur, id);
      if (e >= 1) {
        completer(
            moteur,
            id,
            "Task_VerifierCompletude",
            Map.of(
                "completude", e == 1 ? "INCOMPLET" : "COMPLET",
                "piecesManquantes", SpinValues.jsonValue(e == 1 ? "[\"PCMI2\"]" : "[]").create(),
                "majorationsRetenues", SpinValues.jsonValue("[]").create(),
                "servicesAConsulter", SpinValues.jsonValue(e == 3 ? "[\"ABF\"]" : "[]").create()));
      }
      if (e == 4) {
        completer(
            moteur,
            id,
            "Task_InstruireEtProposer",
            Map.of("decisionProposee", "ACCORD", "motifs", "[]", "prescriptions", "[]"));
      }
      List<String> etat =
          moteur.getTaskService().createTaskQuery().processInstanceId(id).list().stream()
              .map(Task::getTaskDefinitionKey)
              .sorted()
              .toList();
      System.out.printf(Locale.ROOT, "  graine %s : %s%n", STATUTS[e], etat);
      ids.add(id);
    }
    return ids;
  }

  /**
   * What {@code CamundaInstructionWorkflow.demarrer} gives a new instance: the variables the
   * process reads, the two the Tasklist searches, and the dossier's fiche (one JSON variable for
   * all the forms show).
   */
  private static Map<String, Object> variablesDeDepart(int e) {
    Map<String, Object> v = new HashMap<>();
    v.put("groupeInstructeurs", GRAINE_INSTRUCTEURS);
    v.put("groupeMaire", GRAINE_MAIRES);
    v.put("dateLimiteCompletude", jours(30));
    v.put("debutDecisionTacite", jours(61));
    v.put("dateFinDelai", jours(60));
    v.put("demandeurs", "Claire Martin");
    v.put("adresseTerrain", "12 rue des Lilas, 35770 Vern-sur-Seiche");
    v.put(
        "dossier",
        SpinValues.jsonValue(
                "{\"numero\":\"GRAINE "
                    + e
                    + "\",\"nature\":\"Permis de construire une maison individuelle\","
                    + "\"commune\":\"Vern-sur-Seiche (35352)\",\"demandeurs\":\"Claire Martin\","
                    + "\"adresse\":\"12 rue des Lilas, 35770 Vern-sur-Seiche\","
                    + "\"description\":\"Maison individuelle de 120 m², construction neuve\","
                    + "\"dateDepot\":\"28 novembre 2026\",\"dateLimiteCompletude\":\"28 décembre"
                    + " 2026\",\"dateDecisionTacite\":\"28 janvier 2027\",\"dateFinDelai\":\"27"
                    + " janvier 2027\"}")
            .create());
    return v;
  }

  private static Date jours(int n) {
    return new Date(System.currentTimeMillis() + n * 86_400_000L);
  }

  private static void completer(
      ProcessEngine moteur, String instance, String cle, Map<String, Object> variables) {
    Task t =
        moteur
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(instance)
            .taskDefinitionKey(cle)
            .singleResult();
    moteur.getTaskService().complete(t.getId(), Variables.fromMap(variables));
    jobs(moteur, instance);
  }

  /** Runs the instance's due asynchronous continuations (timers stay in the future). */
  private static void jobs(ProcessEngine moteur, String instance) {
    for (int i = 0; i < 10; i++) {
      List<Job> dus =
          moteur
              .getManagementService()
              .createJobQuery()
              .processInstanceId(instance)
              .executable()
              .list();
      if (dus.isEmpty()) {
        return;
      }
      dus.forEach(j -> moteur.getManagementService().executeJob(j.getId()));
    }
  }

  /**
   * Copies every engine row of each seed for the ranks of its state. A seed's rows are found by
   * following ids from its process instance until nothing new turns up; in the copy, every column
   * value that is one of those ids gets a new id derived from it and the clone's rank, so the copy
   * is a whole instance.
   */
  private static void cloner(Connection c, List<String> graines, int instances)
      throws SQLException {
    Map<String, List<String>> tables = tablesDuMoteur(c, false);
    Map<String, List<String>> textes = tablesDuMoteur(c, true);
    try (Statement s = c.createStatement()) {
      s.execute("drop table if exists banc_graine");
      s.execute("create table banc_graine (id varchar(64) primary key, etat int not null)");
      for (int e = 0; e < graines.size(); e++) {
        s.execute("insert into banc_graine values ('" + graines.get(e) + "', " + e + ")");
      }
      int ajoutes;
      do {
        ajoutes = 0;
        for (var t : textes.entrySet()) {
          for (String col : t.getValue()) {
            if (col.equals("id_")) {
              continue;
            }
            // Rows pointing at a seed row belong to the seed …
            ajoutes +=
                s.executeUpdate(
                    "insert into banc_graine select distinct x.id_, g.etat from "
                        + t.getKey()
                        + " x join banc_graine g on x."
                        + col
                        + " = g.id on conflict do nothing");
            // … and so do the byte arrays a seed row points at.
            ajoutes +=
                s.executeUpdate(
                    "insert into banc_graine select distinct b.id_, g.etat from act_ge_bytearray b"
                        + " join "
                        + t.getKey()
                        + " x on x."
                        + col
                        + " = b.id_ join banc_graine g on x.id_ = g.id on conflict do nothing");
          }
        }
      } while (ajoutes > 0);
      System.out.printf(
          Locale.ROOT,
          "  lignes des graines : %d%n",
          compter(c, "select count(*) from banc_graine"));
      s.execute("set session_replication_role = replica");
      java.util.Set<String> colonnesTexte = new java.util.HashSet<>();
      textes.forEach((t, cols) -> cols.forEach(col -> colonnesTexte.add(t + "." + col)));
      int[] bornes = bornes(instances);
      long debut = System.nanoTime();
      for (int e = 0; e < graines.size(); e++) {
        for (var t : tables.entrySet()) {
          String table = t.getKey();
          List<String> colonnes = t.getValue();
          if (compter(
                  c,
                  "select count(*) from "
                      + table
                      + " x join banc_graine g on x.id_ = g.id and g.etat = "
                      + e)
              == 0) {
            continue;
          }
          List<String> expressions = new ArrayList<>();
          for (String col : colonnes) {
            expressions.add(expression(c, table, col, e, colonnesTexte));
          }
          for (int lot = bornes[e] + 1; lot <= bornes[e + 1]; lot += 25_000) {
            int fin = Math.min(bornes[e + 1], lot + 24_999);
            s.executeUpdate(
                "insert into "
                    + table
                    + " ("
                    + String.join(", ", colonnes)
                    + ") select "
                    + String.join(", ", expressions)
                    + " from "
                    + table
                    + " x join banc_graine s on s.id = x.id_ and s.etat = "
                    + e
                    + " cross join generate_series("
                    + lot
                    + ", "
                    + fin
                    + ") g");
          }
        }
        System.out.printf(
            Locale.ROOT,
            "  instances %s : %d à %d (%.0f s)%n",
            STATUTS[e],
            bornes[e] + 1,
            bornes[e + 1],
            (System.nanoTime() - debut) / 1e9);
      }
      s.execute("set session_replication_role = origin");
    }
  }

  /**
   * The engine's runtime and history tables (lower-case names) with their columns, or only their
   * text columns.
   */
  private static Map<String, List<String>> tablesDuMoteur(Connection c, boolean textes)
      throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select table_name, column_name from information_schema.columns"
                    + " where table_schema = current_schema() and (table_name like 'act_ru_%'"
                    + " or table_name like 'act_hi_%' or table_name = 'act_ge_bytearray')"
                    + " and table_name not in ('act_ru_meter_log', 'act_ru_task_meter_log')"
                    + (textes ? " and data_type in ('character varying', 'text')" : "")
                    + " order by table_name, ordinal_position")) {
      while (r.next()) {
        tables.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
      }
    }
    tables.values().removeIf(colonnes -> !colonnes.contains("id_"));
    tables.keySet().removeIf(t -> t.equals("banc_graine"));
    return tables;
  }

  private static String expression(
      Connection c, String table, String col, int etat, java.util.Set<String> textes)
      throws SQLException {
    String x = "x." + col;
    switch (col) {
      case "business_key_":
        return "case when " + x + " is null then null else banc_numero(g) end";
      case "group_id_":
        return "case "
            + x
            + " when '"
            + GRAINE_INSTRUCTEURS
            + "' then banc_groupe(banc_service(g)) when '"
            + GRAINE_MAIRES
            + "' then 'maires-' || banc_insee(banc_service(g)) else "
            + x
            + " end";
      case "due_date_":
        return "case when "
            + x
            + " is null then null else now() + (abs(hashtext('echeance' || g)) % 120 - 15) * interval '1 day' end";
      case "duedate_":
        return "case when "
            + x
            + " is null then null else now() + (1 + abs(hashtext('echeance' || g)) % 120) * interval '1 day' end";
      default:
        break;
    }
    if (col.equals("text_")
        && (table.equals("act_ru_variable") || table.equals("act_hi_varinst"))) {
      return "case x.name_ when 'numeroDossier' then banc_numero(g)"
          + " when 'numeroDossierAffiche' then banc_affichage(g)"
          + " when 'adresseTerrain' then banc_adresse(g)"
          + " when 'demandeurs' then banc_demandeurs(g)"
          + " when 'groupeInstructeurs' then banc_groupe(banc_service(g))"
          + " when 'groupeMaire' then 'maires-' || banc_insee(banc_service(g))"
          + " when 'communeInsee' then banc_insee(banc_service(g)) else x.text_ end";
    }
    if (col.equals("assignee_")
        && (table.equals("act_ru_task") || table.equals("act_hi_taskinst"))) {
      return "case when x.task_def_key_ = 'Task_InstruireEtProposer' and g % 2 = 0"
          + " then 'instructeur-' || banc_service(g) || '-' || abs(hashtext('agent' || g)) % 4"
          + " else x.assignee_ end";
    }
    // Columns holding ids of the seed's own rows get the clone's ids.
    if (!textes.contains(table + "." + col)) {
      return x;
    }
    long references =
        compter(
            c,
            "select count(*) from "
                + table
                + " x join banc_graine s on s.id = x.id_ and s.etat = "
                + etat
                + " where exists (select 1 from banc_graine r where r.id = "
                + x
                + "::text)");
    if (references == 0) {
      return x;
    }
    return "case when exists (select 1 from banc_graine r where r.id = "
        + x
        + ") then md5("
        + x
        + " || '-' || g)::uuid::text else "
        + x
        + " end";
  }

  /**
   * The clones of a seed were all created at its instant; open tasks in a real database were
   * created over the last two months. The Tasklist's first page is sorted by creation date, and
   * PostgreSQL plans it by that date's index when values are spread: measured on equal dates, the
   * list would miss that plan (and its trap, see {@code PlansParRequete}). Once per database.
   */
  private static void etalerLesCreations(Connection c) throws SQLException {
    if (compter(c, "select count(distinct create_time_) from act_ru_task") >= 1000) {
      return;
    }
    long debut = System.nanoTime();
    try (Statement s = c.createStatement()) {
      int n =
          s.executeUpdate(
              "update act_ru_task set create_time_ = create_time_"
                  + " - (abs(hashtext(id_)) % 5184000) * interval '1 second'");
      s.execute("vacuum analyze act_ru_task");
      System.out.printf(
          Locale.ROOT,
          "Créations de %d tâches étalées sur 60 jours (%.1f s)%n",
          n,
          (System.nanoTime() - debut) / 1e9);
    }
  }

  /** Sectors of the largest service (a métropole), each its own team of instructors. */
  static final int SECTEURS = 8;

  /**
   * Splits the largest service's running files into {@link #SECTEURS} sectors of equal size, as
   * {@code referentiel/secteurs-instructeurs.csv} does by commune (the bench's service has one
   * commune, so here by rank): the instance's {@code groupeInstructeurs}, its open tasks' candidate
   * links and their per-task authorisations name the sector's group, as {@code
   * ReaffectationSecteurs} leaves them. Idempotent: rows already moved are not matched again.
   */
  private static void sectoriser(Connection c) throws SQLException {
    long debut = System.nanoTime();
    String service = groupe(0);
    String secteur = "'" + service + "-s' || (right(e.business_key_, 5)::int % " + SECTEURS + ")";
    int[] n = new int[3];
    try (Statement s = c.createStatement()) {
      n[0] =
          s.executeUpdate(
              "update act_ru_variable v set text_ = "
                  + secteur
                  + " from act_ru_execution e where e.id_ = v.proc_inst_id_"
                  + " and v.name_ = 'groupeInstructeurs' and v.text_ = '"
                  + service
                  + "'");
      n[1] =
          s.executeUpdate(
              "update act_ru_identitylink l set group_id_ = "
                  + secteur
                  + " from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_"
                  + " where t.id_ = l.task_id_ and l.group_id_ = '"
                  + service
                  + "'");
      n[2] =
          s.executeUpdate(
              "update act_ru_authorization a set group_id_ = "
                  + secteur
                  + " from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_"
                  + " where a.resource_type_ = 7 and t.id_ = a.resource_id_ and a.group_id_ = '"
                  + service
                  + "'");
      if (n[0] + n[1] + n[2] > 0) {
        s.execute("analyze act_ru_variable");
        s.execute("analyze act_ru_identitylink");
        s.execute("analyze act_ru_authorization");
      }
    }
    System.out.printf(
        Locale.ROOT,
        "Secteurs du plus grand service : %d instances, %d liens, %d autorisations déplacés (%.1f s)%n",
        n[0],
        n[1],
        n[2],
        (System.nanoTime() - debut) / 1e9);
  }

  private static void volumes(Connection c) throws SQLException {
    String[] tables = {
      "dossier",
      "dossier_demandeur",
      "act_ru_execution",
      "act_ru_task",
      "act_ru_variable",
      "act_ru_job",
      "act_ru_identitylink",
      "act_ru_authorization",
      "act_ge_bytearray",
      "act_hi_procinst",
      "act_hi_varinst"
    };
    StringBuilder b = new StringBuilder("Volumes :");
    for (String t : tables) {
      b.append(' ').append(t).append('=').append(compter(c, "select count(*) from " + t));
    }
    b.append(" ; taille de la base ")
        .append(compter(c, "select pg_database_size(current_database()) / (1024 * 1024)"))
        .append(" Mo");
    System.out.println(b);
  }

  /** What the measured queries read: the engine's runtime tables and the application's. */
  private static final List<String> LUES =
      List.of(
          "act_ru_task",
          "act_ru_identitylink",
          "act_ru_variable",
          "act_ru_execution",
          "act_ru_authorization",
          "act_re_procdef",
          "dossier",
          "dossier_demandeur");

  /**
   * A server that has run for a while holds in memory what its queries read. A run that comes after
   * other work, as in {@link BancComplet} after the engine's bench, measured the disk instead for
   * its first profile: an application lookup by number at 95 ms p95 against 0.7 ms later in the
   * same run (7 Dec.). So every table the queries read, and its indexes, is read once into the
   * system's cache first ({@code pg_prewarm}, which ships with PostgreSQL).
   */
  private static void prechauffer(Connection c) throws SQLException {
    long debut = System.nanoTime();
    try (Statement s = c.createStatement()) {
      s.execute("create extension if not exists pg_prewarm");
      String noms = "'" + String.join("', '", LUES) + "'";
      try (ResultSet r =
          s.executeQuery(
              "select coalesce(sum(pg_prewarm(k.oid, 'read')), 0) * current_setting('block_size')::bigint"
                  + " / (1024 * 1024) from pg_class k where k.relnamespace = current_schema()::regnamespace"
                  + " and (k.relname in ("
                  + noms
                  + ") or k.oid in (select i.indexrelid from pg_index i join pg_class t on t.oid ="
                  + " i.indrelid where t.relname in ("
                  + noms
                  + ") and t.relnamespace = current_schema()::regnamespace))")) {
        r.next();
        System.out.printf(
            Locale.ROOT,
            "Préchauffage : %d Mo lus (tables interrogées et leurs index) en %.1f s.%n",
            r.getLong(1),
            (System.nanoTime() - debut) / 1e9);
      }
    }
  }

  // --- measuring ---------------------------------------------------------------------------

  private record Requete(String nom, Callable<Integer> execution) {}

  private static void mesurer(Connection c, ProcessEngine moteur, int instances, int repetitions)
      throws Exception {
    Random hasard = new Random(42);
    System.out.println();
    System.out.println(
        "| Requête | Service | Résultats (médiane) | p50 ms | p95 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|---|---|");
    List<Profil> profils =
        List.of(
            new Profil("le plus grand, un secteur", 0, 0),
            new Profil("le plus grand, tout le service", 0, -1),
            new Profil("typique", 250, -1));
    for (Profil profil : profils) {
      int service = profil.service();
      String libelle = profil.libelle();
      List<String> groupes = profil.groupes();
      List<Integer> rangs =
          rangsDuService(service, instances).stream()
              .filter(g -> profil.secteur() < 0 || (g / 50) % SECTEURS == profil.secteur())
              .toList();
      List<String> numeros = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        numeros.add(
            valeur(c, "select banc_numero(" + rangs.get(hasard.nextInt(rangs.size())) + ")"));
      }
      List<Requete> requetes = new ArrayList<>();
      requetes.add(
          new Requete(
              "Mes tâches",
              () -> {
                String moi = "instructeur-" + service + "-" + hasard.nextInt(4);
                return tasklist(
                    moteur,
                    moi,
                    groupes,
                    moteur
                        .getTaskService()
                        .createTaskQuery()
                        .taskAssignee(moi)
                        .orderByDueDate()
                        .asc());
              }));
      requetes.add(
          new Requete(
              "Tâches de mon service",
              () ->
                  tasklist(
                      moteur,
                      "instructeur-" + service + "-0",
                      groupes,
                      service(moteur, groupes).orderByTaskCreateTime().desc())));
      if (service == 0 && profil.secteur() < 0) {
        // The head of the service opens one sector's filter ("Secteur …"), as its team does.
        requetes.add(
            new Requete(
                "Filtre d'un secteur",
                () ->
                    tasklist(
                        moteur,
                        "instructeur-" + service + "-0",
                        groupes,
                        moteur
                            .getTaskService()
                            .createTaskQuery()
                            .taskCandidateGroup(groupe(service) + "-s" + hasard.nextInt(SECTEURS))
                            .includeAssignedTasks()
                            .orderByTaskCreateTime()
                            .desc())));
      }
      requetes.add(
          new Requete(
              "Échéance sous 7 jours",
              () ->
                  tasklist(
                      moteur,
                      "instructeur-" + service + "-0",
                      groupes,
                      service(moteur, groupes).dueBefore(jours(7)).orderByDueDate().asc())));
      requetes.add(
          new Requete(
              "Recherche par numéro",
              () -> {
                String numero = numeros.get(hasard.nextInt(numeros.size()));
                return tasklist(
                    moteur,
                    "instructeur-" + service + "-0",
                    groupes,
                    service(moteur, groupes).processInstanceBusinessKey(numero));
              }));
      requetes.add(
          new Requete(
              "Recherche par adresse",
              () ->
                  recherche(
                      moteur,
                      service,
                      groupes,
                      "adresseTerrain",
                      VOIES[hasard.nextInt(VOIES.length)])));
      requetes.add(
          new Requete(
              "Recherche par demandeur",
              () ->
                  recherche(
                      moteur, service, groupes, "demandeurs", NOMS[hasard.nextInt(NOMS.length)])));
      requetes.add(
          new Requete(
              "Dossier par numéro (API)",
              () -> {
                int g = rangs.get(hasard.nextInt(rangs.size()));
                return lignes(
                    c, "select d.* from dossier d where d.numero = banc_numero(" + g + ")");
              }));
      requetes.add(
          new Requete(
              "Dossiers d'un demandeur (portail)",
              () -> {
                // The two queries of JpaDossierRepository.deLUtilisateur.
                int g = rangs.get(hasard.nextInt(rangs.size()));
                return lignes(
                        c,
                        "select d.* from dossier d where d.depositaire = 'demandeur-"
                            + (g % 400000)
                            + "' order by d.cree_le desc limit 500")
                    + lignes(
                        c,
                        "select distinct d.*, d.cree_le from dossier d join dossier_demandeur m"
                            + " on m.dossier_id = d.id where lower(m.email) = lower(banc_prenom("
                            + g
                            + ")) || '."
                            + g
                            + "@example.org' order by d.cree_le desc limit 500");
              }));
      Map<String, Double> p95s = new LinkedHashMap<>();
      for (Requete r : requetes) {
        for (int i = 0; i < 20; i++) {
          r.execution().call();
        }
        double[] ms = new double[repetitions];
        int[] resultats = new int[repetitions];
        for (int i = 0; i < repetitions; i++) {
          long t0 = System.nanoTime();
          resultats[i] = r.execution().call();
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(resultats);
        double p95 = ms[(int) Math.ceil(repetitions * 0.95) - 1];
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %d | %.1f | %.1f | %.1f | %.1f |%n",
            r.nom(),
            libelle,
            resultats[repetitions / 2],
            ms[repetitions / 2],
            p95,
            ms[(int) Math.ceil(repetitions * 0.99) - 1],
            ms[repetitions - 1]);
        p95s.put(r.nom(), p95);
      }
      noter(profil, requetes.size(), p95s);
    }
  }

  /** The profile's row of the synthesis: its slowest query at p95, and every one over 50 ms. */
  private static void noter(Profil profil, int requetes, Map<String, Double> p95) {
    Map.Entry<String, Double> pire =
        p95.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    List<String> au_dessus =
        p95.entrySet().stream()
            .filter(e -> e.getValue() >= 50)
            .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
            .toList();
    Synthese.noter(
        "(e) " + profil.libelle() + " (" + requetes + " requêtes, p95)",
        String.format(Locale.ROOT, "au plus %.1f ms (%s)", pire.getValue(), pire.getKey())
            + (au_dessus.isEmpty() ? "" : " ; ≥ 50 ms : " + String.join(", ", au_dessus)),
        "—",
        "—",
        "< 50 ms",
        au_dessus.isEmpty());
  }

  /**
   * Whose lists are measured: an instructor of a sector of the largest service (member of the
   * service's group and of their sector's), its head (member of every sector's), or an instructor
   * of a typical service.
   *
   * @param secteur the sector's rank, or -1 for the whole service
   */
  private record Profil(String libelle, int service, int secteur) {

    List<String> groupes() {
      List<String> g = new ArrayList<>();
      g.add(groupe(service));
      if (service == 0) {
        for (int s = 0; s < SECTEURS; s++) {
          if (secteur < 0 || secteur == s) {
            g.add(groupe(service) + "-s" + s);
          }
        }
      }
      return g;
    }
  }

  /** The Tasklist's filter "À traiter par mon service": candidate groups = the user's groups. */
  private static TaskQuery service(ProcessEngine moteur, List<String> groupes) {
    return moteur
        .getTaskService()
        .createTaskQuery()
        .taskCandidateGroupIn(groupes)
        .includeAssignedTasks();
  }

  private static String groupe(int service) {
    String insee = String.format(Locale.ROOT, "%02d%03d", service % 95 + 1, 100 + service / 95);
    return "instructeurs-" + insee;
  }

  /** The Tasklist's search on a process variable: {@code like}, any case, within the service. */
  private static int recherche(
      ProcessEngine moteur, int service, List<String> groupes, String variable, String terme) {
    return tasklist(
        moteur,
        "instructeur-" + service + "-0",
        groupes,
        service(moteur, groupes)
            .matchVariableValuesIgnoreCase()
            .processVariableValueLike(variable, "%" + terme.toLowerCase(Locale.ROOT) + "%"));
  }

  /** What the Tasklist asks for a filter or a search: the first page, then the count. */
  private static int tasklist(
      ProcessEngine moteur, String moi, List<String> groupes, TaskQuery requete) {
    moteur.getIdentityService().setAuthentication(moi, groupes);
    try {
      requete.listPage(0, 15);
      return (int) requete.count();
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
  }

  /** Ranks of the running files of a service. */
  private static List<Integer> rangsDuService(int service, int instances) {
    List<Integer> rangs = new ArrayList<>();
    for (int g = 1; g <= instances; g++) {
      int s = g % 50 == 0 ? 0 : 1 + g % 499;
      if (s == service) {
        rangs.add(g);
      }
    }
    return rangs;
  }

  private static long compter(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String valeur(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  private static int lignes(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      int n = 0;
      while (r.next()) {
        n++;
      }
      return n;
    }
  }
}
