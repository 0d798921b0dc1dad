/** Colours and type shared by all layouts (compiled into the HTML once). */
export const theme = {
  text: '#1f2933',
  muted: '#616e7c',
  accent: '#1a4d8f',
  page: '#f2f4f7',
  card: '#ffffff',
  font: 'Helvetica, Arial, sans-serif',
};
