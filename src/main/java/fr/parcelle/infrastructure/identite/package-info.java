/**
 * Accounts and groups, held for now by Camunda's identity service (the identity issue plugs in
 * FranceConnect and ProConnect): the authenticator of the platform API, the groups and Tasklist
 * rights every start ensures, and the demo accounts.
 */
package fr.parcelle.infrastructure.identite;
