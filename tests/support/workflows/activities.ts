/** Trivial activities for the server smoke tests. */
export async function greetDealer(dealerName: string): Promise<string> {
  return `Guten Tag, ${dealerName}!`;
}
