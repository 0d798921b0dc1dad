/** A client mistake with its HTTP status and a message that says what to change. */
export class ApiProblem extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

export const notFound = (message: string) => new ApiProblem(404, message);
export const conflict = (message: string) => new ApiProblem(409, message);
export const badRequest = (path: string, message: string) => new ApiProblem(400, `${path}: ${message}`, [{ path, message }]);
