/** Where the questions' pages are. */
export const registerPath = '/diarium';
export const askPath = '/fragor/ny';
export const questionPath = (q: { slug: string }) => `/fragor/${q.slug}`;
export const inboxPath = '/handlaggning';
export const knowledgePath = '/kunskapsbank';
