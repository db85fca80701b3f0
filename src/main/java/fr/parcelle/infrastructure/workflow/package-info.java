/**
 * The only package that knows Camunda: engine bootstrap on the container's JTA transactions, model
 * deployment, the job executor on managed threads, and the adapter of the InstructionWorkflow port.
 */
package fr.parcelle.infrastructure.workflow;
