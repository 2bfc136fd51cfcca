/** A user workload module that breaks the contract; the message names the file and the export. */
export class WorkloadContractError extends Error {
  override name = 'WorkloadContractError';
}
