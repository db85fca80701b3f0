package fr.parcelle.infrastructure.identite;

import java.util.List;

/**
 * The demo accounts (demo mode only, embedded database only), also printed by the launcher and the
 * README.
 */
public final class ComptesDemo {

  /**
   * A demo account, the group that gives it its function, and the other groups it belongs to (an
   * instructor's sector team).
   */
  public record Compte(
      String login,
      String motDePasse,
      String prenom,
      String nom,
      String groupe,
      String fonction,
      List<String> autresGroupes) {

    public Compte(
        String login,
        String motDePasse,
        String prenom,
        String nom,
        String groupe,
        String fonction) {
      this(login, motDePasse, prenom, nom, groupe, fonction, List.of());
    }

    /** Every group of the account. */
    public List<String> groupes() {
      return java.util.stream.Stream.concat(
              java.util.stream.Stream.of(groupe), autresGroupes.stream())
          .toList();
    }
  }

  public static final List<Compte> COMPTES =
      List.of(
          new Compte(
              "admin",
              "admin-demo",
              "Alice",
              "Administratrice",
              Groupes.ADMINISTRATEURS,
              "administrateur"),
          new Compte(
              "instructeur",
              "instructeur-demo",
              "Yann",
              "Instructeur",
              "instructeurs-rennes-metropole",
              "service ADS de Rennes Métropole"),
          new Compte(
              "instructrice",
              "instructrice-demo",
              "Gwen",
              "Instructrice",
              "instructeurs-rennes-metropole",
              "service ADS de Rennes Métropole, secteur Rennes ville",
              List.of("instructeurs-rennes-metropole-rennes")),
          new Compte(
              "maire",
              "maire-demo",
              "Maëlle",
              "Maire de Vern-sur-Seiche",
              Groupes.PREFIXE_MAIRES + "35352",
              "maire de Vern-sur-Seiche (35352)"),
          new Compte(
              "adjoint",
              "adjoint-demo",
              "Ronan",
              "Adjoint à l'urbanisme",
              Groupes.PREFIXE_MAIRES + "35352",
              "adjoint au maire de Vern-sur-Seiche, signe par délégation"),
          new Compte(
              "abf",
              "abf-demo",
              "Erwan",
              "Architecte des Bâtiments de France",
              Groupes.PREFIXE_SERVICES_CONSULTES + "abf-35",
              "service consulté : ABF d'Ille-et-Vilaine"),
          new Compte(
              "architecte",
              "architecte-demo",
              "Claire",
              "Architecte",
              Groupes.DEMANDEURS,
              "demandeur"));

  private ComptesDemo() {}
}
